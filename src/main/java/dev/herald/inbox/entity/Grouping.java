package dev.herald.inbox.entity;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.Optional;

/**
 * How many events and actors a notification stands for (1 and its named actors, or more for an aggregate), the group
 * an aggregate gathers and until when; and, on a candidate of an aggregated type until it is stored, the
 * {@link Aggregation} it brings.
 */
@Embeddable
public class Grouping {
    @Column(name = "group_key")
    private String groupKey;

    @Column(name = "window_ends_at")
    private Instant windowEndsAt;

    @Column(name = "actor_count")
    private int actorCount;

    @Column(name = "event_count")
    private int eventCount;

    @Transient
    private Aggregation candidate;

    protected Grouping() {}

    static Grouping single(int actorCount) {
        Grouping g = new Grouping();
        g.actorCount = actorCount;
        g.eventCount = 1;
        return g;
    }

    static Grouping restore(StoredRow row) {
        Grouping g = new Grouping();
        g.groupKey = row.text("group_key");
        g.windowEndsAt = row.instant("window_ends_at");
        g.actorCount = (int) row.number("actor_count");
        g.eventCount = (int) row.number("event_count");
        return g;
    }

    /** The first event of an aggregate: the rule's window opens when its event happened; it names one actor. */
    void open(Aggregation aggregation) {
        this.candidate = requireNonNull(aggregation);
        this.groupKey = aggregation.groupKey();
        this.windowEndsAt = aggregation.occurredAt().plus(aggregation.window());
        this.actorCount = 1;
    }

    /**
     * Whether an event may join this aggregate: same group, not archived, the event happened before the window
     * closed, and (when the rule says a read aggregate is done) not read yet.
     */
    public boolean accepts(Aggregation event, Reading reading) {
        return groupKey != null
                && groupKey.equals(event.groupKey())
                && reading.archivedAt() == null
                && windowEndsAt != null
                && event.occurredAt().isBefore(windowEndsAt)
                && !(event.readStartsNew() && reading.readAt() != null);
    }

    /**
     * Counts one more event (and one more distinct actor if {@code newActor}) that a candidate brings, if this
     * aggregate {@linkplain #accepts accepts} it; answers the candidate's aggregation.
     */
    Aggregation gather(Grouping event, boolean newActor, Reading reading) {
        Aggregation joining = event.candidate()
                .orElseThrow(
                        () -> new IllegalArgumentException("only a candidate of an aggregated type can be absorbed"));
        if (!accepts(joining, reading)) {
            throw new IllegalStateException("the aggregate does not accept this event");
        }
        if (newActor) {
            actorCount++;
        }
        eventCount++;
        return joining;
    }

    /** The aggregation a candidate brings; empty for a plain notification and for one read back from the store. */
    public Optional<Aggregation> candidate() {
        return Optional.ofNullable(candidate);
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
}
