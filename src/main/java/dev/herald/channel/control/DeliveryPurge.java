package dev.herald.channel.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;

/** One short transaction of the delivery retention: up to {@code limit} settled deliveries, their attempts, letters. */
@ApplicationScoped
public class DeliveryPurge {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Transactional
    public int batch(Instant before, int limit) {
        return em.createNativeQuery("WITH old AS (SELECT d.id FROM delivery d WHERE d.status IN ('sent', 'delivered',"
                        + " 'skipped', 'dead', 'cancelled') AND d.updated_at < ?1 AND NOT EXISTS (SELECT 1 FROM dead_letter l"
                        + " WHERE l.delivery_id = d.id AND l.resolution IS NULL) ORDER BY d.updated_at LIMIT ?2"
                        + " FOR UPDATE SKIP LOCKED),"
                        + " attempts AS (DELETE FROM delivery_attempt WHERE delivery_id IN (SELECT id FROM old)),"
                        + " letters AS (DELETE FROM dead_letter WHERE delivery_id IN (SELECT id FROM old))"
                        + " DELETE FROM delivery WHERE id IN (SELECT id FROM old)")
                .setParameter(1, Timestamp.from(before))
                .setParameter(2, limit)
                .executeUpdate();
    }

    /** Deletes the throttle counts of periods that started before {@code before}. */
    @Transactional
    public int quotas(Instant before) {
        return em.createNativeQuery("DELETE FROM send_quota WHERE period_start < ?1")
                .setParameter(1, Timestamp.from(before))
                .executeUpdate();
    }
}
