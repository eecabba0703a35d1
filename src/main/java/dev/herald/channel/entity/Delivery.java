package dev.herald.channel.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
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
public class Delivery {
    /** The target of a digest delivery; the notifications it lists point to it. */
    public static final String DIGEST_TARGET = "digest";

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
