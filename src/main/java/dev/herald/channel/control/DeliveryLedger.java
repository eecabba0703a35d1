package dev.herald.channel.control;

import dev.herald.channel.entity.DeliveryStatus;
import dev.herald.channel.entity.Outgoing;
import dev.herald.channel.entity.SendResult;
import dev.herald.inbox.entity.Notification;
import dev.herald.preference.entity.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The delivery rows' state changes, each its own short transaction around a provider call: take a queued delivery
 * (sending, one more attempt), record how the attempt ended (sent or delivered, a retry due later, or dead with a dead
 * letter), or put it back when its provider's circuit breaker is open. A delivery that is not queued any more (a
 * duplicate message from the relay) is not taken twice.
 */
@ApplicationScoped
public class DeliveryLedger {
    /** The target of a digest delivery; the notifications it lists point to it. */
    public static final String DIGEST_TARGET = "digest";

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Providers providers;

    /** Takes delivery {@code id} for an attempt; empty when it is not queued or has nothing left to send. */
    @Transactional
    public Optional<Outgoing> claim(String id, Instant now) {
        List<?> rows = em.createNativeQuery(
                        "SELECT notification_id, recipient, channel, target, status, attempts FROM delivery"
                                + " WHERE id = ?1 FOR UPDATE")
                .setParameter(1, id)
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        if (!DeliveryStatus.QUEUED.wire().equals(row[4])) {
            return Optional.empty();
        }
        String target = (String) row[3];
        boolean digest = DIGEST_TARGET.equals(target);
        List<Notification> notifications = digest ? listed(id, now) : single((String) row[0]);
        if (notifications.isEmpty()) {
            settle(id, DeliveryStatus.SKIPPED, digest ? "nothing unseen to list" : "the notification was deleted", now);
            return Optional.empty();
        }
        int attempt = ((Number) row[5]).intValue() + 1;
        em.createNativeQuery("UPDATE delivery SET status = 'sending', attempts = ?2, updated_at = ?3 WHERE id = ?1")
                .setParameter(1, id)
                .setParameter(2, attempt)
                .setParameter(3, Timestamp.from(now))
                .executeUpdate();
        em.createNativeQuery("INSERT INTO delivery_attempt (delivery_id, attempt, started_at) VALUES (?1, ?2, ?3)")
                .setParameter(1, id)
                .setParameter(2, attempt)
                .setParameter(3, Timestamp.from(now))
                .executeUpdate();
        Channel channel = Channel.of((String) row[2]).orElseThrow();
        return Optional.of(new Outgoing(id, (String) row[1], channel, target, attempt, digest, notifications));
    }

    private List<Notification> single(String notificationId) {
        Notification n = em.find(Notification.class, notificationId);
        return n == null ? List.of() : List.of(n);
    }

    /** A digest's notifications that still exist and are unseen; those seen meanwhile are skipped. */
    private List<Notification> listed(String digestId, Instant now) {
        em.createNativeQuery("UPDATE delivery d SET status = 'skipped', reason = 'seen before the digest',"
                        + " updated_at = ?2 FROM notification n WHERE d.digest_id = ?1 AND d.status = 'digest'"
                        + " AND n.id = d.notification_id AND n.seen_at IS NOT NULL")
                .setParameter(1, digestId)
                .setParameter(2, Timestamp.from(now))
                .executeUpdate();
        return em
                .createNativeQuery(
                        "SELECT n.* FROM notification n JOIN delivery d ON d.notification_id = n.id"
                                + " WHERE d.digest_id = ?1 AND d.status = 'digest' ORDER BY n.created_at DESC",
                        Notification.class)
                .setParameter(1, digestId)
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
        em.createNativeQuery(
                        "UPDATE delivery_attempt SET finished_at = ?3, outcome = ?4, status_code = CAST(?5 AS integer),"
                                + " answer = ?6 WHERE delivery_id = ?1 AND attempt = ?2")
                .setParameter(1, message.deliveryId())
                .setParameter(2, message.attempt())
                .setParameter(3, Timestamp.from(now))
                .setParameter(4, result.outcome())
                .setParameter(5, result.statusCode())
                .setParameter(6, result.answer())
                .executeUpdate();
        Optional<Integer> budgetFrom = current(message);
        if (budgetFrom.isEmpty()) {
            return Optional.empty();
        }
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
            int tries = message.attempt() - budgetFrom.get();
            if (result.kind() == SendResult.Kind.TRANSIENT && policy.retries(tries)) {
                retryLater(message, result, now.plus(policy.delay(tries, result.retryAfter())), now);
                return Optional.of(DeliveryStatus.FAILED);
            }
            status = DeliveryStatus.DEAD;
            reason = result.kind() == SendResult.Kind.TRANSIENT
                    ? "gave up after " + tries + (tries == 1 ? " try: " : " tries: ") + result.summary()
                    : result.summary();
            deadLetter(message, reason, now);
        }
        settle(message.deliveryId(), status, reason, now);
        if (message.digest()) {
            em.createNativeQuery("UPDATE delivery SET status = ?2, reason = ?3, updated_at = ?4"
                            + " WHERE digest_id = ?1 AND status = 'digest'")
                    .setParameter(1, message.deliveryId())
                    .setParameter(2, status.wire())
                    .setParameter(3, reason == null ? "listed in the digest" : "the digest: " + reason)
                    .setParameter(4, Timestamp.from(now))
                    .executeUpdate();
        }
        return Optional.of(status);
    }

    /** The delivery's replay budget, locked, if this attempt is still the one in progress. */
    private Optional<Integer> current(Outgoing message) {
        List<?> row = em.createNativeQuery("SELECT budget_from FROM delivery WHERE id = ?1 AND status = 'sending'"
                        + " AND attempts = ?2 FOR UPDATE")
                .setParameter(1, message.deliveryId())
                .setParameter(2, message.attempt())
                .getResultList();
        return row.isEmpty() ? Optional.empty() : Optional.of(((Number) row.get(0)).intValue());
    }

    private void retryLater(Outgoing message, SendResult result, Instant due, Instant now) {
        em.createNativeQuery("UPDATE delivery SET status = 'failed', reason = ?2, due_at = ?3, dispatched_at = NULL,"
                        + " updated_at = ?4 WHERE id = ?1")
                .setParameter(1, message.deliveryId())
                .setParameter(2, result.summary())
                .setParameter(3, Timestamp.from(due))
                .setParameter(4, Timestamp.from(now))
                .executeUpdate();
    }

    private void deadLetter(Outgoing message, String error, Instant now) {
        em.createNativeQuery("INSERT INTO dead_letter (delivery_id, channel, recipient, error, dead_at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (delivery_id) DO UPDATE SET error = EXCLUDED.error,"
                        + " dead_at = EXCLUDED.dead_at, published_at = NULL, resolution = NULL, resolved_at = NULL,"
                        + " resolved_by = NULL")
                .setParameter(1, message.deliveryId())
                .setParameter(2, message.channel().wire())
                .setParameter(3, message.recipient())
                .setParameter(4, error)
                .setParameter(5, Timestamp.from(now))
                .executeUpdate();
    }

    /** Puts a taken delivery back without using a try: its provider's circuit breaker is open until {@code until}. */
    @Transactional
    public void postpone(Outgoing message, Instant until, String reason, Instant now) {
        if (current(message).isEmpty()) {
            return;
        }
        em.createNativeQuery("DELETE FROM delivery_attempt WHERE delivery_id = ?1 AND attempt = ?2")
                .setParameter(1, message.deliveryId())
                .setParameter(2, message.attempt())
                .executeUpdate();
        em.createNativeQuery("UPDATE delivery SET status = 'failed', attempts = attempts - 1, reason = ?2,"
                        + " due_at = ?3, dispatched_at = NULL, updated_at = ?4 WHERE id = ?1")
                .setParameter(1, message.deliveryId())
                .setParameter(2, reason)
                .setParameter(3, Timestamp.from(until))
                .setParameter(4, Timestamp.from(now))
                .executeUpdate();
    }

    private void settle(String id, DeliveryStatus status, String reason, Instant now) {
        em.createNativeQuery(
                        "UPDATE delivery SET status = ?2, reason = CAST(?3 AS text), due_at = NULL, updated_at = ?4"
                                + " WHERE id = ?1")
                .setParameter(1, id)
                .setParameter(2, status.wire())
                .setParameter(3, reason)
                .setParameter(4, Timestamp.from(now))
                .executeUpdate();
    }
}
