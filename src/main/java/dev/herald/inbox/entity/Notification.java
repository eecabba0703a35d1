package dev.herald.inbox.entity;

import static java.util.Objects.requireNonNull;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One notification in one user's inbox. State changes go through intent methods. */
@Entity
@Table(name = "notification")
@NamedQuery(
        name = Notification.BY_ID,
        query = "SELECT n FROM Notification n WHERE n.id = :id AND n.recipient = :recipient")
@NamedQuery(
        name = Notification.BETWEEN,
        query = "SELECT n FROM Notification n WHERE n.recipient = :recipient AND n.seq > :after AND n.seq < :before"
                + " ORDER BY n.seq")
@NamedQuery(
        name = Notification.COUNT_AFTER,
        query = "SELECT COUNT(n) FROM Notification n WHERE n.recipient = :recipient AND n.seq > :after")
@NamedQuery(
        name = Notification.UNREAD,
        query =
                "SELECT n FROM Notification n WHERE n.recipient = :recipient AND n.reading.readAt IS NULL ORDER BY n.seq")
public class Notification {
    public static final String BY_ID = "Notification.byId";
    public static final String BETWEEN = "Notification.between";
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
    private String locale;

    /** Where the notification leads in the product (absolute URL), null for none. */
    private String link;

    @Embedded
    private Payload payload;

    @Embedded
    private Grouping grouping;

    @Embedded
    private Reading reading;

    @Embedded
    private Handling handling;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Transient
    private long movedFrom;

    protected Notification() {}

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
        this.id = UUID.randomUUID().toString();
        this.recipient = requireNonNull(recipient);
        this.source = requireNonNull(source);
        this.eventId = requireNonNull(eventId);
        this.type = requireNonNull(type);
        this.category = requireNonNull(category);
        this.title = requireNonNull(title);
        this.body = requireNonNull(body);
        this.payload = new Payload(data, actors);
        this.grouping = Grouping.single(payload.actorsNamed());
        this.reading = Reading.unread();
        this.createdAt = requireNonNull(now);
        this.updatedAt = now;
        this.handling = Handling.normal();
    }

    /** A notification as stored, read back by the inbox's own statements; its intent methods then work as usual. */
    public static Notification restore(StoredRow row) {
        Notification n = new Notification();
        n.id = row.text("id");
        n.recipient = row.text("recipient");
        n.seq = row.number("seq");
        n.source = row.text("source");
        n.eventId = row.text("event_id");
        n.type = row.text("type");
        n.category = row.text("category");
        n.locale = row.text("locale");
        n.title = row.text("title");
        n.body = row.text("body");
        n.link = row.text("link");
        n.payload = Payload.restore(row);
        n.grouping = Grouping.restore(row);
        n.reading = Reading.restore(row);
        n.createdAt = row.instant("created_at");
        n.updatedAt = row.instant("updated_at");
        n.handling = Handling.restore(row);
        return n;
    }

    /** Sets how the notification is delivered and in which locale it was worded; done once, before it is stored. */
    public Notification deliveredAs(String priority, String locale) {
        handling.prioritize(priority);
        this.locale = locale;
        return this;
    }

    /** Sets where it leads in the product (null: nowhere); done once, before it is stored. */
    public Notification linkTo(String link) {
        this.link = link;
        return this;
    }

    /**
     * Makes this candidate the first event of an aggregate: it opens the rule's window from when its event happened
     * and names its actor.
     */
    public Notification aggregating(Aggregation aggregation) {
        grouping.open(aggregation);
        payload.name(List.of(aggregation.actor()));
        return this;
    }

    /**
     * Gathers one more event into this aggregate: its actor goes first among the named (once, however often they
     * act), the distinct actors are counted if {@code newActor}, the text is worded again in the event's locale, the
     * data becomes the newest event's, and the notification is unread and unseen again (silent if the event is: the
     * recipient's preferences decide for the newest event). Its new place in the inbox is given by {@link #moveTo}.
     */
    public void absorb(Notification event, boolean newActor, Instant now) {
        Aggregation joining = grouping.gather(event.grouping, newActor, reading());
        List<JsonObject> named = joining.namedAfter(payload.actors());
        Aggregation.Text text = joining.wording().render(named, grouping.actorCount());
        title = text.title();
        body = text.body();
        payload.name(named);
        payload.takeData(event.payload);
        locale = event.locale;
        link = event.link;
        handling.followSilence(event.handling);
        reading().renew();
        updatedAt = now;
    }

    /** Puts an aggregate that absorbed events at the top of its recipient's inbox, with a new {@code seq}. */
    public void moveTo(long newSeq) {
        if (newSeq <= seq) {
            throw new IllegalArgumentException("an aggregate only moves up: " + newSeq + " <= " + seq);
        }
        this.movedFrom = seq;
        this.seq = newSeq;
    }

    /** The {@code seq} it left when it moved in this transaction; 0 when it did not move. */
    public long movedFrom() {
        return movedFrom;
    }

    /** Places the notification in its recipient's sequence (from 1 up); done once, when it is stored. */
    public void assignSeq(long seq) {
        if (this.seq != 0) {
            throw new IllegalStateException("seq already assigned");
        }
        if (seq <= 0) {
            throw new IllegalArgumentException("seq must be positive");
        }
        this.seq = seq;
    }

    /**
     * Applies a change its user asks for (see {@link Reading}); answers whether anything changed (doing it twice
     * changes nothing).
     */
    public boolean change(StateChange change, Instant at) {
        boolean changed = change.applyTo(reading(), at);
        if (changed) {
            updatedAt = at;
        }
        return changed;
    }

    /**
     * Its snooze is over: it comes back at the top of the inbox ({@code newSeq}), unread and unseen, as if it had
     * just arrived.
     */
    public void wake(long newSeq, Instant at) {
        reading().wake(at);
        updatedAt = at;
        moveTo(newSeq);
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

    public String locale() {
        return locale;
    }

    public String link() {
        return link;
    }

    public Payload payload() {
        return payload;
    }

    public Handling handling() {
        return handling;
    }

    public Grouping grouping() {
        return grouping;
    }

    /**
     * How far its user got with it. A row with none of these set may come back from the mapping without the
     * embeddable (JPA leaves that to the provider), which means unread.
     */
    public Reading reading() {
        if (reading == null) {
            reading = Reading.unread();
        }
        return reading;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
