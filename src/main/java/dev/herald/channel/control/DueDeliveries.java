package dev.herald.channel.control;

import dev.herald.platform.control.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The relay's reads and writes, each round one transaction holding its rows ({@code FOR UPDATE SKIP LOCKED}, so
 * instances share the work and never publish a row twice at once): deliveries due (queued and not yet published, held
 * or failed and due, published or taken longer than the lease ago without an outcome: a crashed instance's), dead
 * letters not yet on the DLQ topic, and digests due. Hand-written SQL on purpose, not the {@code Delivery} entity: JPA
 * has no {@code SKIP LOCKED}, a round updates its rows in one statement, and the status literals must be literals for
 * PostgreSQL to use the partial index {@code delivery_due} (a parameter would not prove its predicate).
 */
@ApplicationScoped
public class DueDeliveries {
    /** One row to publish. */
    public record Due(String id, String recipient, String channel) {}

    /** One dead letter to publish. */
    public record Dead(String deliveryId, String channel, String recipient, String error, Instant deadAt) {}

    /** How long a published, still queued delivery waits before it is published again (a lost record). */
    static final Duration REDISPATCH = Duration.ofHours(1);

    /**
     * A delivery the relay publishes (?1 now, ?2 the lease's cut-off, ?3 the redispatch cut-off): held or failed and
     * due; queued and not yet published (or published long ago); taken longer than the lease ago without an outcome.
     * The status list lets the partial index serve it.
     */
    private static final String DUE = "due_at <= ?1 AND status IN ('held', 'queued', 'failed', 'sending') AND ("
            + " (status = 'queued' AND (dispatched_at IS NULL OR dispatched_at <= ?3))"
            + " OR status IN ('held', 'failed') OR (status = 'sending' AND updated_at <= ?2))";

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /**
     * What is waiting for the relay (deliveries to publish, digests to start, dead letters to publish, workflow steps
     * whose wait ended), found with one cheap statement so an idle round costs one query.
     */
    public record Pending(boolean deliveries, boolean digests, boolean deadLetters, boolean steps) {
        public boolean any() {
            return deliveries || digests || deadLetters || steps;
        }
    }

    @Transactional
    public Pending pending(Instant now, Duration lease) {
        Object[] row = (Object[]) em.createNativeQuery("SELECT EXISTS (SELECT 1 FROM delivery WHERE " + DUE + "),"
                        + " EXISTS (SELECT 1 FROM digest WHERE due_at <= ?1),"
                        + " EXISTS (SELECT 1 FROM dead_letter WHERE published_at IS NULL),"
                        + " EXISTS (SELECT 1 FROM delivery WHERE status = 'delayed' AND due_at <= ?1)")
                .setParameter(1, Timestamp.from(now))
                .setParameter(2, Timestamp.from(now.minus(lease)))
                .setParameter(3, Timestamp.from(now.minus(REDISPATCH)))
                .getSingleResult();
        return new Pending(
                Boolean.TRUE.equals(row[0]),
                Boolean.TRUE.equals(row[1]),
                Boolean.TRUE.equals(row[2]),
                Boolean.TRUE.equals(row[3]));
    }

    /**
     * Publishes up to {@code limit} due deliveries of {@code channel} with {@code publish} and marks them queued and
     * published. A queued row already published is published again only after {@link #REDISPATCH} (Kafka keeps an
     * acknowledged record until a worker handled it); one taken ({@code sending}) longer than {@code lease} ago
     * without an outcome is published again: its instance died mid-send.
     */
    @Transactional
    public int relay(String channel, Instant now, Duration lease, int limit, Publisher<Due> publish) {
        Timestamp at = Timestamp.from(now);
        List<?> rows = em.createNativeQuery("SELECT id, recipient, channel FROM delivery WHERE " + DUE
                        + " AND channel = ?4 ORDER BY due_at LIMIT ?5 FOR UPDATE SKIP LOCKED")
                .setParameter(1, at)
                .setParameter(2, Timestamp.from(now.minus(lease)))
                .setParameter(3, Timestamp.from(now.minus(REDISPATCH)))
                .setParameter(4, channel)
                .setParameter(5, limit)
                .getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        List<Due> due = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            due.add(new Due((String) r[0], (String) r[1], (String) r[2]));
        }
        publish.publish(due);
        em.createNativeQuery("UPDATE delivery SET status = 'queued', dispatched_at = ?2, updated_at = ?2"
                        + " WHERE id = ANY(CAST(?1 AS varchar[]))")
                .setParameter(1, SqlValues.textArray(due.stream().map(Due::id).toList()))
                .setParameter(2, at)
                .executeUpdate();
        return due.size();
    }

    /** Publishes up to {@code limit} dead letters not yet on the DLQ topic. */
    @Transactional
    public int relayDead(Instant now, int limit, Publisher<Dead> publish) {
        List<?> rows = em.createNativeQuery("SELECT delivery_id, channel, recipient, error, dead_at FROM dead_letter"
                        + " WHERE published_at IS NULL ORDER BY dead_at LIMIT ?1 FOR UPDATE SKIP LOCKED")
                .setParameter(1, limit)
                .getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        List<Dead> dead = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            dead.add(new Dead((String) r[0], (String) r[1], (String) r[2], (String) r[3], SqlValues.instant(r[4])));
        }
        publish.publish(dead);
        em.createNativeQuery("UPDATE dead_letter SET published_at = ?2 WHERE delivery_id = ANY(CAST(?1 AS varchar[]))")
                .setParameter(
                        1,
                        SqlValues.textArray(dead.stream().map(Dead::deliveryId).toList()))
                .setParameter(2, Timestamp.from(now))
                .executeUpdate();
        return dead.size();
    }

    /**
     * Starts the email digests due: for each, one digest delivery (queued now) listing the user's deliveries waiting
     * for it; a user with none gets nothing. Answers how many digests were started.
     */
    @Transactional
    public int startDigests(Instant now, int limit) {
        List<?> users = em.createNativeQuery("SELECT recipient FROM digest WHERE channel = 'email' AND due_at <= ?1"
                        + " ORDER BY due_at LIMIT ?2 FOR UPDATE SKIP LOCKED")
                .setParameter(1, Timestamp.from(now))
                .setParameter(2, limit)
                .getResultList();
        for (Object user : users) {
            String id = UUID.randomUUID().toString();
            int listed = em.createNativeQuery("UPDATE delivery SET digest_id = ?1, updated_at = ?3 WHERE recipient = ?2"
                            + " AND channel = 'email' AND status = 'digest' AND digest_id IS NULL")
                    .setParameter(1, id)
                    .setParameter(2, user)
                    .setParameter(3, Timestamp.from(now))
                    .executeUpdate();
            if (listed > 0) {
                em.createNativeQuery("INSERT INTO delivery (id, notification_id, recipient, channel, target, status,"
                                + " due_at, created_at, updated_at) SELECT ?1, max(notification_id), ?2, 'email', ?3,"
                                + " 'queued', ?4, ?4, ?4 FROM delivery WHERE digest_id = ?1")
                        .setParameter(1, id)
                        .setParameter(2, user)
                        .setParameter(3, DeliveryLedger.DIGEST_TARGET)
                        .setParameter(4, Timestamp.from(now))
                        .executeUpdate();
            }
            em.createNativeQuery("DELETE FROM digest WHERE recipient = ?1 AND channel = 'email'")
                    .setParameter(1, user)
                    .executeUpdate();
        }
        return users.size();
    }

    /** Publishes a round's rows; throws when they are not all acknowledged, which rolls the round back. */
    @FunctionalInterface
    public interface Publisher<T> {
        void publish(List<T> rows);
    }
}
