package dev.herald.channel.entity;

import dev.herald.inbox.entity.Reading;
import dev.herald.preference.entity.Decision;
import dev.herald.workflow.entity.Unless;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One delivery of a notification to one target on one channel, and where it stands ({@link DeliveryStatus}). Its
 * state changes are intent methods; the batch insert at intake and the relay's {@code SKIP LOCKED} scan stay
 * statements of their own (measured: {@code DeliveryPlanner}, {@code DueDeliveries}). A digest delivery (target
 * {@link #DIGEST_TARGET}) lists the deliveries waiting for it through their {@code digestId}.
 */
@Entity
@Table(name = "delivery")
@NamedQuery(
        name = Delivery.END_LISTED,
        query = "UPDATE Delivery d SET d.status = :status, d.reason = :reason, d.updatedAt = :now"
                + " WHERE d.digestId = :digest AND d.status = :listed")
@NamedQuery(
        name = Delivery.SKIP_SEEN_LISTED,
        query = "UPDATE Delivery d SET d.status = :skipped, d.reason = :reason, d.updatedAt = :now"
                + " WHERE d.digestId = :digest AND d.status = :listed AND EXISTS (SELECT n.id FROM Notification n"
                + " WHERE n.id = d.notificationId AND n.reading.seenAt IS NOT NULL)")
@NamedQuery(
        name = Delivery.RELEASE_MUTED,
        query = "UPDATE Delivery d SET d.dueAt = :now, d.reason = :reason, d.updatedAt = :now"
                + " WHERE d.recipient = :user AND d.status = :held AND d.dueAt IS NULL")
@NamedQuery(
        name = Delivery.REPLAY,
        query = "UPDATE Delivery d SET d.status = :queued, d.dueAt = :now, d.dispatchedAt = NULL,"
                + " d.budgetFrom = d.attempts, d.reason = :reason, d.updatedAt = :now WHERE d.id IN :ids")
@NamedQuery(
        name = Delivery.OF_NOTIFICATION,
        query = "SELECT d FROM Delivery d WHERE d.notificationId = :notification AND d.recipient = :user"
                + " AND (d.target IS NULL OR d.target <> :digest) ORDER BY d.channel, d.createdAt, d.id")
@NamedQuery(
        name = Delivery.STATUSES,
        query = "SELECT NEW dev.herald.channel.entity.ChannelStatus(d.notificationId, d.channel, d.status)"
                + " FROM Delivery d WHERE d.recipient = :user AND d.notificationId IN :notifications"
                + " AND (d.target IS NULL OR d.target <> :digest) ORDER BY d.updatedAt, d.id")
@NamedQuery(name = Delivery.WITH_IDS, query = "SELECT d FROM Delivery d WHERE d.id IN :ids")
@NamedQuery(
        name = Delivery.RELEASE_FALLBACK,
        query = "UPDATE Delivery d SET d.dueAt = :now, d.updatedAt = :now WHERE d.notificationId = :notification"
                + " AND d.status = :delayed AND d.fallbackOf = :channel AND d.dueAt > :now"
                + " AND NOT EXISTS (SELECT o.id FROM Delivery o WHERE o.notificationId = :notification"
                + " AND o.channel = :channel AND o.status NOT IN :ended)")
public class Delivery {
    /** The target of a digest delivery; the notifications it lists point to it. */
    public static final String DIGEST_TARGET = "digest";

    /** The one channel that gathers digests; the others hold to the digest's time and send each on its own. */
    private static final String DIGEST_CHANNEL = "email";

    /** Ends the deliveries a digest listed as the digest ended ({@code status}, {@code reason}). */
    public static final String END_LISTED = "Delivery.endListed";
    /** Skips the deliveries a digest listed whose notification was seen meanwhile. */
    public static final String SKIP_SEEN_LISTED = "Delivery.skipSeenListed";
    /** Releases a user's deliveries held while muted: due now. */
    public static final String RELEASE_MUTED = "Delivery.releaseMuted";
    /** Queues deliveries again with a fresh budget of tries (an admin replayed their dead letters). */
    public static final String REPLAY = "Delivery.replay";
    /** A user's deliveries of one notification, by channel (not the digest rows). */
    public static final String OF_NOTIFICATION = "Delivery.ofNotification";
    /** A user's notifications' delivery statuses, oldest change first, as {@link ChannelStatus}es. */
    public static final String STATUSES = "Delivery.statuses";
    /** The deliveries with these ids. */
    public static final String WITH_IDS = "Delivery.withIds";
    /**
     * Moves a notification's fallback rows that back up a channel to now, once no delivery of that channel is left that
     * could still reach the user.
     */
    public static final String RELEASE_FALLBACK = "Delivery.releaseFallback";

    @Id
    private String id;

    @Column(name = "notification_id")
    private String notificationId;

    private String recipient;
    private String channel;
    private String target;
    private String status;
    private String reason;
    private String decision;

    @Column(name = "due_at")
    private Instant dueAt;

    @Column(name = "dispatched_at")
    private Instant dispatchedAt;

    private int attempts;

    /** Attempts before the last replay: a replay gets a fresh budget. */
    @Column(name = "budget_from")
    private int budgetFrom;

    @Column(name = "digest_id")
    private String digestId;

    /** The workflow step that held it (null: none), kept after it moved on. */
    private String step;

    /** What cancels it while a workflow holds it: seen, read or archived (null: nothing). */
    @Column(name = "unless_state")
    private String unlessState;

    /** The channel a fallback row backs up (null: none). */
    @Column(name = "fallback_of")
    private String fallbackOf;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Delivery() {}

    /** Takes a queued delivery for one more attempt; empty when it is not queued (a duplicate message). */
    public OptionalInt claim(Instant now) {
        if (status() != DeliveryStatus.QUEUED) {
            return OptionalInt.empty();
        }
        attempts++;
        move(DeliveryStatus.SENDING, reason, dueAt, now);
        return OptionalInt.of(attempts);
    }

    /**
     * Cancels it when its notification got where its workflow's {@code unless} says (seen, read, archived) before it
     * went; answers whether it did.
     */
    public boolean cancelIfMet(Reading reading, Instant now) {
        Optional<Instant> met = Unless.of(unlessState).flatMap(u -> u.metAt(reading));
        met.ifPresent(at -> move(
                DeliveryStatus.CANCELLED, Unless.of(unlessState).orElseThrow().why(at), null, now));
        return met.isPresent();
    }

    /** Cancels it: its notification is gone, or the workflow's condition was met. */
    public void cancel(String why, Instant now) {
        move(DeliveryStatus.CANCELLED, why, null, now);
    }

    /**
     * A workflow step's wait ended: it follows what the user's preferences decide now. Queued (the relay publishes
     * it), held until quiet hours end or while muted, waiting for the digest (the caller schedules the digest), or
     * skipped. Answers the status it moved to.
     */
    public DeliveryStatus release(Decision decision, Instant now) {
        return release(decision, null, now);
    }

    /** As {@link #release(Decision, Instant)}; {@code note} (when not null) tells the story what the step did. */
    public DeliveryStatus release(Decision decision, String note, Instant now) {
        this.decision = decision.kind().code();
        dispatchedAt = null;
        DeliveryStatus to =
                switch (decision.kind()) {
                    case DELIVER -> DeliveryStatus.QUEUED;
                    case SKIP -> DeliveryStatus.SKIPPED;
                    case DIGEST -> DIGEST_CHANNEL.equals(channel) ? DeliveryStatus.DIGEST : DeliveryStatus.HELD;
                    case HOLD_UNTIL, HOLD_WHILE_MUTED -> DeliveryStatus.HELD;
                };
        Instant due =
                switch (to) {
                    case QUEUED -> now;
                    case HELD -> decision.until();
                    default -> null;
                };
        move(to, decision.deliversNow() ? (note != null ? note : reason) : decision.reason(), due, now);
        return to;
    }

    /**
     * A throttle held it back: it waits, still delayed, for the throttle's next period, when it is released again
     * (with the others the period let through first).
     */
    public void waitFor(Instant next, String why, Instant now) {
        step = "throttle";
        move(DeliveryStatus.DELAYED, why, next, now);
    }

    /** Whether {@code attempt} is the one in progress (not superseded by a later one after its lease ran out). */
    public boolean inAttempt(int attempt) {
        return status() == DeliveryStatus.SENDING && attempts == attempt;
    }

    /** Tries used since the last replay, counting {@code attempt}. */
    public int triesSinceReplay(int attempt) {
        return attempt - budgetFrom;
    }

    /** Ends here: sent, delivered, dead or skipped, with the reason (null for none). */
    public void settle(DeliveryStatus ended, String why, Instant now) {
        move(ended, why, null, now);
    }

    /** The attempt failed for now: a retry is due at {@code due}; the relay publishes it again then. */
    public void retryAt(Instant due, String why, Instant now) {
        dispatchedAt = null;
        move(DeliveryStatus.FAILED, why, due, now);
    }

    /** Gives a taken delivery back without using a try: its provider's breaker is open until {@code until}. */
    public void postpone(Instant until, String why, Instant now) {
        attempts--;
        retryAt(until, why, now);
    }

    private void move(DeliveryStatus to, String why, Instant due, Instant now) {
        status = to.wire();
        reason = why;
        dueAt = due;
        updatedAt = now;
    }

    public DeliveryStatus status() {
        return DeliveryStatus.of(status);
    }

    public boolean isDigest() {
        return DIGEST_TARGET.equals(target);
    }

    public String id() {
        return id;
    }

    public String notificationId() {
        return notificationId;
    }

    public String recipient() {
        return recipient;
    }

    public String channel() {
        return channel;
    }

    public String target() {
        return target;
    }

    public Optional<String> step() {
        return Optional.ofNullable(step);
    }

    public String reason() {
        return reason;
    }

    public int attempts() {
        return attempts;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
