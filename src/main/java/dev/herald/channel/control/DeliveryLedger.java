package dev.herald.channel.control;

import dev.herald.channel.entity.DeadLetter;
import dev.herald.channel.entity.Delivery;
import dev.herald.channel.entity.DeliveryAttempt;
import dev.herald.channel.entity.DeliveryStatus;
import dev.herald.channel.entity.Outgoing;
import dev.herald.channel.entity.SendResult;
import dev.herald.inbox.entity.Notification;
import dev.herald.preference.entity.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The delivery rows' state changes, each its own short transaction around a provider call: take a queued delivery
 * (sending, one more attempt), record how the attempt ended (sent or delivered, a retry due later, or dead with a dead
 * letter), or put it back when its provider's circuit breaker is open. A delivery that is not queued any more (a
 * duplicate message from the relay) is not taken twice; one whose workflow's {@code unless} was met meanwhile is
 * cancelled instead of taken.
 */
@ApplicationScoped
public class DeliveryLedger {
    /** The target of a digest delivery; the notifications it lists point to it. */
    public static final String DIGEST_TARGET = Delivery.DIGEST_TARGET;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Providers providers;

    /** Takes delivery {@code id} for an attempt; empty when it is not queued or has nothing left to send. */
    @Transactional
    public Optional<Outgoing> claim(String id, Instant now) {
        Delivery delivery = em.find(Delivery.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (delivery == null || delivery.status() != DeliveryStatus.QUEUED) {
            return Optional.empty();
        }
        List<Notification> notifications = delivery.isDigest() ? listed(id, now) : single(delivery.notificationId());
        if (notifications.isEmpty()) {
            delivery.settle(
                    DeliveryStatus.SKIPPED,
                    delivery.isDigest() ? "nothing unseen to list" : "the notification was deleted",
                    now);
            return Optional.empty();
        }
        if (!delivery.isDigest() && delivery.cancelIfMet(notifications.get(0).reading(), now)) {
            // read (or seen, archived) after its workflow step released it and before a worker took it
            return Optional.empty();
        }
        int attempt = delivery.claim(now).orElseThrow();
        em.persist(new DeliveryAttempt(id, attempt, now));
        Channel channel = Channel.of(delivery.channel()).orElseThrow();
        return Optional.of(new Outgoing(
                id, delivery.recipient(), channel, delivery.target(), attempt, delivery.isDigest(), notifications));
    }

    private List<Notification> single(String notificationId) {
        Notification n = em.find(Notification.class, notificationId);
        return n == null ? List.of() : List.of(n);
    }

    /** A digest's notifications that still exist and are unseen; those seen meanwhile are skipped. */
    private List<Notification> listed(String digestId, Instant now) {
        em.createNamedQuery(Delivery.SKIP_SEEN_LISTED)
                .setParameter("skipped", DeliveryStatus.SKIPPED.wire())
                .setParameter("reason", "seen before the digest")
                .setParameter("now", now)
                .setParameter("digest", digestId)
                .setParameter("listed", DeliveryStatus.DIGEST.wire())
                .executeUpdate();
        return em
                .createNativeQuery(
                        "SELECT n.* FROM notification n JOIN delivery d ON d.notification_id = n.id"
                                + " WHERE d.digest_id = ?1 AND d.status = ?2 ORDER BY n.created_at DESC",
                        Notification.class)
                .setParameter(1, digestId)
                .setParameter(2, DeliveryStatus.DIGEST.wire())
                .getResultList()
                .stream()
                .map(Notification.class::cast)
                .toList();
    }

    /**
     * Records how the attempt ended and what follows: done, a retry at its time, or a dead letter; a digest's listed
     * deliveries end as it does. Empty when the attempt was superseded (it outlived its lease and the delivery was
     * taken again): its outcome is kept with the attempt, the delivery's state is the newer attempt's.
     */
    @Transactional
    public Optional<DeliveryStatus> finish(Outgoing message, SendResult result, RetryPolicy policy, Instant now) {
        em.createNamedQuery(DeliveryAttempt.FINISH)
                .setParameter("at", now)
                .setParameter("outcome", result.outcome())
                .setParameter("code", result.statusCode())
                .setParameter("answer", result.answer())
                .setParameter("delivery", message.deliveryId())
                .setParameter("attempt", message.attempt())
                .executeUpdate();
        Optional<Delivery> current = current(message);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        Delivery delivery = current.get();
        if (result.forgetTarget() && message.target() != null) {
            providers.of(message.channel()).forget(message.target());
        }
        DeliveryStatus status;
        String reason = null;
        if (result.succeeded()) {
            status = result.kind() == SendResult.Kind.DELIVERED ? DeliveryStatus.DELIVERED : DeliveryStatus.SENT;
        } else if (result.kind() == SendResult.Kind.NO_TARGET) {
            status = DeliveryStatus.SKIPPED;
            reason = result.answer();
        } else {
            int tries = delivery.triesSinceReplay(message.attempt());
            if (result.kind() == SendResult.Kind.TRANSIENT && policy.retries(tries)) {
                delivery.retryAt(now.plus(policy.delay(tries, result.retryAfter())), result.summary(), now);
                return Optional.of(DeliveryStatus.FAILED);
            }
            status = DeliveryStatus.DEAD;
            reason = result.kind() == SendResult.Kind.TRANSIENT
                    ? "gave up after " + tries + (tries == 1 ? " try: " : " tries: ") + result.summary()
                    : result.summary();
            deadLetter(delivery, reason, now);
        }
        delivery.settle(status, reason, now);
        if (status == DeliveryStatus.DEAD || status == DeliveryStatus.SKIPPED) {
            releaseFallback(delivery, now);
        }
        if (message.digest()) {
            em.createNamedQuery(Delivery.END_LISTED)
                    .setParameter("status", status.wire())
                    .setParameter("reason", reason == null ? "listed in the digest" : "the digest: " + reason)
                    .setParameter("now", now)
                    .setParameter("digest", message.deliveryId())
                    .setParameter("listed", DeliveryStatus.DIGEST.wire())
                    .executeUpdate();
        }
        return Optional.of(status);
    }

    /** A workflow's fallback that backs up this channel goes now: this channel could not reach the user. */
    private void releaseFallback(Delivery delivery, Instant now) {
        em.flush();
        em.createNamedQuery(Delivery.RELEASE_FALLBACK)
                .setParameter("now", now)
                .setParameter("notification", delivery.notificationId())
                .setParameter("delayed", DeliveryStatus.DELAYED.wire())
                .setParameter("channel", delivery.channel())
                .setParameter(
                        "ended",
                        List.of(
                                DeliveryStatus.DEAD.wire(),
                                DeliveryStatus.SKIPPED.wire(),
                                DeliveryStatus.CANCELLED.wire()))
                .executeUpdate();
    }

    /** The delivery, locked, if this attempt is still the one in progress. */
    private Optional<Delivery> current(Outgoing message) {
        Delivery delivery = em.find(Delivery.class, message.deliveryId(), LockModeType.PESSIMISTIC_WRITE);
        return delivery != null && delivery.inAttempt(message.attempt()) ? Optional.of(delivery) : Optional.empty();
    }

    /** Opens its dead letter, or opens it again when a replayed delivery died once more. */
    private void deadLetter(Delivery delivery, String error, Instant now) {
        DeadLetter letter = em.find(DeadLetter.class, delivery.id());
        if (letter == null) {
            em.persist(new DeadLetter(delivery, error, now));
        } else {
            letter.open(error, now);
        }
    }

    /** Puts a taken delivery back without using a try: its provider's circuit breaker is open until {@code until}. */
    @Transactional
    public void postpone(Outgoing message, Instant until, String reason, Instant now) {
        Optional<Delivery> current = current(message);
        if (current.isEmpty()) {
            return;
        }
        em.createNamedQuery(DeliveryAttempt.FORGET)
                .setParameter("delivery", message.deliveryId())
                .setParameter("attempt", message.attempt())
                .executeUpdate();
        current.get().postpone(until, reason, now);
    }
}
