package dev.herald.inbox.entity;

import static java.util.Objects.requireNonNull;

import dev.herald.platform.control.JsonFactory;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        query = "SELECT n FROM Notification n WHERE n.recipient = :recipient AND n.readAt IS NULL ORDER BY n.seq")
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

    @Column(insertable = false, updatable = false)
    private String data;

    @Column(insertable = false, updatable = false)
    private String actors;

    private String priority;
    private String locale;

    @Column(name = "group_key")
    private String groupKey;

    @Column(name = "window_ends_at")
    private Instant windowEndsAt;

    @Column(name = "actor_count")
    private int actorCount;

    @Column(name = "event_count")
    private int eventCount;

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

    @Column(name = "snoozed_until")
    private Instant snoozedUntil;

    /** {@link #data} and {@link #actors} as JSON, kept from rendering or parsed once when first asked for. */
    @Transient
    private JsonValue dataValue;

    @Transient
    private JsonValue actorsValue;

    /** The {@code seq} it left when it moved in this transaction (0: it did not move). */
    @Transient
    private long movedFrom;

    /**
     * Stored but not worth a toast: the user muted it or is in quiet hours (decided by intake); kept, so a client
     * catching up after a reconnect is told too.
     */
    private boolean silent;

    /** Set on a candidate of an aggregated type, until it is stored. */
    @Transient
    private Aggregation aggregation;

    /** Where it goes besides the inbox and how far it got, per channel (e.g. email: queued); empty if not known. */
    @Transient
    private Map<String, String> channels = Map.of();

    protected Notification() {}

    /** A notification from stored JSON text (tests, tools). */
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
        this(recipient, source, eventId, type, category, title, body, parse(data), parse(actors), now);
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
        this.id = UUID.randomUUID().toString();
        this.recipient = requireNonNull(recipient);
        this.source = requireNonNull(source);
        this.eventId = requireNonNull(eventId);
        this.type = requireNonNull(type);
        this.category = requireNonNull(category);
        this.title = requireNonNull(title);
        this.body = requireNonNull(body);
        this.dataValue = requireNonNull(data);
        this.data = data.toString();
        this.actorsValue = requireNonNull(actors);
        this.actors = actors.toString();
        this.createdAt = requireNonNull(now);
        this.updatedAt = now;
        this.priority = "normal";
        this.eventCount = 1;
        this.actorCount = actors.getValueType() == JsonValue.ValueType.ARRAY
                ? actors.asJsonArray().size()
                : 0;
    }

    /** A stored row, read by column name (the inbox's own statements read rows through it). */
    public interface StoredRow {
        String text(String column);

        long number(String column);

        Instant instant(String column);

        boolean flag(String column);
    }

    /**
     * A notification as stored, read back by the inbox's own statements (which write aggregates themselves); the
     * entity's intent methods then change it like any other. The column names are the mapping's.
     */
    public static Notification restore(StoredRow row) {
        Notification n = new Notification();
        n.id = row.text("id");
        n.recipient = row.text("recipient");
        n.seq = row.number("seq");
        n.source = row.text("source");
        n.eventId = row.text("event_id");
        n.type = row.text("type");
        n.category = row.text("category");
        n.priority = row.text("priority");
        n.locale = row.text("locale");
        n.title = row.text("title");
        n.body = row.text("body");
        n.data = row.text("data");
        n.actors = row.text("actors");
        n.groupKey = row.text("group_key");
        n.windowEndsAt = row.instant("window_ends_at");
        n.actorCount = (int) row.number("actor_count");
        n.eventCount = (int) row.number("event_count");
        n.createdAt = row.instant("created_at");
        n.updatedAt = row.instant("updated_at");
        n.seenAt = row.instant("seen_at");
        n.readAt = row.instant("read_at");
        n.archivedAt = row.instant("archived_at");
        n.snoozedUntil = row.instant("snoozed_until");
        n.silent = row.flag("silent");
        return n;
    }

    /** Sets how the notification is delivered and in which locale it was worded; done once, before it is stored. */
    public Notification deliveredAs(String priority, String locale) {
        this.priority = requireNonNull(priority);
        this.locale = locale;
        return this;
    }

    /**
     * Makes this candidate the first event of an aggregate: it opens the rule's window from when its event happened
     * and names its actor.
     */
    public Notification aggregating(Aggregation aggregation) {
        this.aggregation = requireNonNull(aggregation);
        this.groupKey = aggregation.groupKey();
        this.windowEndsAt = aggregation.occurredAt().plus(aggregation.window());
        this.actorCount = 1;
        JsonArray named = JsonFactory.PROVIDER
                .createArrayBuilder()
                .add(aggregation.actor())
                .build();
        this.actors = named.toString();
        this.actorsValue = named;
        return this;
    }

    /** The aggregation a candidate brings; empty for a plain notification and for one read back from the store. */
    public Optional<Aggregation> aggregation() {
        return Optional.ofNullable(aggregation);
    }

    /**
     * Whether the event a candidate brings may join this aggregate: same group, not archived, the event happened
     * before the window closed, and (when the rule says a read aggregate is done) not read yet.
     */
    public boolean accepts(Aggregation event) {
        return groupKey != null
                && groupKey.equals(event.groupKey())
                && archivedAt == null
                && windowEndsAt != null
                && event.occurredAt().isBefore(windowEndsAt)
                && !(event.readStartsNew() && readAt != null);
    }

    /**
     * Gathers one more event into this aggregate: its actor goes first among the named (once, however often they
     * act), the distinct actors are counted if {@code newActor}, the text is worded again in the event's locale, the
     * data becomes the newest event's, and the notification is unread and unseen again (silent if the event is: the
     * recipient's preferences decide for the newest event). Its new place in the inbox is given by {@link #moveTo}.
     */
    public void absorb(Notification event, boolean newActor, Instant now) {
        Aggregation joining = event.aggregation()
                .orElseThrow(
                        () -> new IllegalArgumentException("only a candidate of an aggregated type can be absorbed"));
        if (!accepts(joining)) {
            throw new IllegalStateException("the aggregate does not accept this event");
        }
        List<JsonObject> named = joining.namedAfter(actorsValue());
        if (newActor) {
            actorCount++;
        }
        eventCount++;
        Aggregation.Text text = joining.wording().render(named, actorCount);
        title = text.title();
        body = text.body();
        JsonArray namedJson = JsonFactory.PROVIDER
                .createArrayBuilder(named.stream().map(JsonValue.class::cast).toList())
                .build();
        actors = namedJson.toString();
        actorsValue = namedJson;
        data = event.data;
        dataValue = event.dataValue;
        locale = event.locale;
        silent = event.silent;
        readAt = null;
        seenAt = null;
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

    /** Back into the inbox from the archive. Answers whether anything changed. */
    public boolean unarchive(Instant at) {
        if (archivedAt == null) {
            return false;
        }
        archivedAt = null;
        updatedAt = at;
        return true;
    }

    /**
     * Hides the notification until {@code until} (later than {@code at}); snoozing again moves the time. Answers
     * whether anything changed.
     */
    public boolean snooze(Instant until, Instant at) {
        if (!until.isAfter(at)) {
            throw new IllegalArgumentException("a snooze ends in the future");
        }
        if (until.equals(snoozedUntil)) {
            return false;
        }
        snoozedUntil = until;
        updatedAt = at;
        return true;
    }

    /** Shows a snoozed notification again at its place, before its time. Answers whether anything changed. */
    public boolean unsnooze(Instant at) {
        if (snoozedUntil == null) {
            return false;
        }
        snoozedUntil = null;
        updatedAt = at;
        return true;
    }

    /** Whether its snooze has ended by {@code at}. */
    public boolean snoozeEnded(Instant at) {
        return snoozedUntil != null && !snoozedUntil.isAfter(at);
    }

    /**
     * Its snooze is over: it comes back at the top of the inbox ({@code newSeq}), unread and unseen, as if it had
     * just arrived.
     */
    public void wake(long newSeq, Instant at) {
        if (!snoozeEnded(at)) {
            throw new IllegalStateException("the snooze has not ended");
        }
        snoozedUntil = null;
        readAt = null;
        seenAt = null;
        updatedAt = at;
        moveTo(newSeq);
    }

    /** Stored but not worth a toast: the user muted it, turned its category off in the inbox, or is in quiet hours. */
    public void silence() {
        silent = true;
    }

    /** Notes how far its delivery got on each channel besides the inbox (shown with it, not stored here). */
    public void reportChannels(Map<String, String> statuses) {
        this.channels = Map.copyOf(statuses);
    }

    public Map<String, String> channels() {
        return channels;
    }

    public boolean silent() {
        return silent;
    }

    public Instant snoozedUntil() {
        return snoozedUntil;
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

    public String priority() {
        return priority;
    }

    public String locale() {
        return locale;
    }

    public String groupKey() {
        return groupKey;
    }

    public Instant windowEndsAt() {
        return windowEndsAt;
    }

    public int actorCount() {
        return actorCount;
    }

    /** How many events this notification stands for: 1, or more for an aggregate. */
    public int eventCount() {
        return eventCount;
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
