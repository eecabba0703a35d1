package dev.herald.inbox.entity;

import static java.util.Objects.requireNonNull;

import dev.herald.platform.control.JsonFactory;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.io.StringReader;
import java.time.Instant;
import java.util.UUID;

/** One notification in one user's inbox. State changes go through intent methods. */
@Entity
@Table(name = "notification")
@NamedQuery(
        name = Notification.BY_ID,
        query = "SELECT n FROM Notification n WHERE n.id = :id AND n.recipient = :recipient")
@NamedQuery(
        name = Notification.AFTER,
        query = "SELECT n FROM Notification n WHERE n.recipient = :recipient AND n.seq > :after ORDER BY n.seq")
@NamedQuery(
        name = Notification.COUNT_AFTER,
        query = "SELECT COUNT(n) FROM Notification n WHERE n.recipient = :recipient AND n.seq > :after")
@NamedQuery(
        name = Notification.UNREAD,
        query = "SELECT n FROM Notification n WHERE n.recipient = :recipient AND n.readAt IS NULL ORDER BY n.seq")
public class Notification {
    public static final String BY_ID = "Notification.byId";
    public static final String AFTER = "Notification.after";
    public static final String COUNT_AFTER = "Notification.countAfter";
    public static final String UNREAD = "Notification.unread";

    @Id
    private String id;

    private String recipient;
    private long seq;
    private String source;

    @Column(name = "event_id")
    private String eventId;

    private String type;
    private String category;
    private String title;
    private String body;
    private String data;
    private String actors;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "seen_at")
    private Instant seenAt;

    @Column(name = "read_at")
    private Instant readAt;

    @Column(name = "archived_at")
    private Instant archivedAt;

    /** {@link #data} and {@link #actors} as JSON, kept from rendering or parsed once when first asked for. */
    @Transient
    private JsonValue dataValue;

    @Transient
    private JsonValue actorsValue;

    protected Notification() {}

    public Notification(
            String recipient,
            String source,
            String eventId,
            String type,
            String category,
            String title,
            String body,
            String data,
            String actors,
            Instant now) {
        this.id = UUID.randomUUID().toString();
        this.recipient = requireNonNull(recipient);
        this.source = requireNonNull(source);
        this.eventId = requireNonNull(eventId);
        this.type = requireNonNull(type);
        this.category = requireNonNull(category);
        this.title = requireNonNull(title);
        this.body = requireNonNull(body);
        this.data = requireNonNull(data);
        this.actors = requireNonNull(actors);
        this.createdAt = requireNonNull(now);
        this.updatedAt = now;
    }

    /** A notification rendered from an event: the JSON values are kept, so showing it needs no parsing. */
    public Notification(
            String recipient,
            String source,
            String eventId,
            String type,
            String category,
            String title,
            String body,
            JsonValue data,
            JsonValue actors,
            Instant now) {
        this(recipient, source, eventId, type, category, title, body, data.toString(), actors.toString(), now);
        this.dataValue = data;
        this.actorsValue = actors;
    }

    /** Places the notification in its recipient's sequence; done once, when it is stored. */
    public void assignSeq(long seq) {
        if (this.seq != 0) {
            throw new IllegalStateException("seq already assigned");
        }
        if (seq <= 0) {
            throw new IllegalArgumentException("seq must be positive");
        }
        this.seq = seq;
    }

    /** Marks read (and seen); reading twice keeps the first time. Answers whether anything changed. */
    public boolean markRead(Instant at) {
        if (readAt != null) {
            return false;
        }
        readAt = at;
        if (seenAt == null) {
            seenAt = at;
        }
        updatedAt = at;
        return true;
    }

    /** Marks unread again; answers whether anything changed. */
    public boolean markUnread(Instant at) {
        if (readAt == null) {
            return false;
        }
        readAt = null;
        updatedAt = at;
        return true;
    }

    /** Marks seen (the bell was opened); answers whether anything changed. */
    public boolean markSeen(Instant at) {
        if (seenAt != null) {
            return false;
        }
        seenAt = at;
        updatedAt = at;
        return true;
    }

    /** Moves out of the inbox; it no longer counts as unread. Answers whether anything changed. */
    public boolean archive(Instant at) {
        if (archivedAt != null) {
            return false;
        }
        archivedAt = at;
        updatedAt = at;
        return true;
    }

    /** The idempotency key of the event this came from, for this recipient. */
    public EventKey eventKey() {
        return new EventKey(source, eventId, recipient);
    }

    public String id() {
        return id;
    }

    public String recipient() {
        return recipient;
    }

    public long seq() {
        return seq;
    }

    public String type() {
        return type;
    }

    public String category() {
        return category;
    }

    public String title() {
        return title;
    }

    public String body() {
        return body;
    }

    public String data() {
        return data;
    }

    public String actors() {
        return actors;
    }

    public JsonValue dataValue() {
        if (dataValue == null) {
            dataValue = parse(data);
        }
        return dataValue;
    }

    public JsonValue actorsValue() {
        if (actorsValue == null) {
            actorsValue = parse(actors);
        }
        return actorsValue;
    }

    private static JsonValue parse(String stored) {
        try (JsonReader reader = JsonFactory.PROVIDER.createReader(new StringReader(stored))) {
            return reader.readValue();
        }
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant seenAt() {
        return seenAt;
    }

    public Instant readAt() {
        return readAt;
    }

    public Instant archivedAt() {
        return archivedAt;
    }
}
