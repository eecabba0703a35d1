package dev.herald.channel.control;

import static dev.herald.platform.control.SqlValues.instant;
import static dev.herald.platform.control.SqlValues.textArray;

import dev.herald.channel.entity.Delivery;
import dev.herald.channel.entity.DeliveryStatus;
import dev.herald.channel.entity.DeliveryView.Attempt;
import dev.herald.platform.control.AuditTrail;
import dev.herald.platform.control.JsonFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Dead letters for an admin: listed by channel, time range and error text; replayed (the same delivery, so the same
 * idempotency key, queued again with a fresh budget of tries) or discarded (kept on record, never sent), one by one
 * or all that match a filter.
 */
@ApplicationScoped
public class DeadLetters {
    /** Which open dead letters an action applies to; null fields match everything, an empty id list nothing. */
    public record Filter(List<String> ids, String channel, Instant from, Instant to, String error) {
        /** Whether it names something: a list of ids, or at least one of channel, time range, error. */
        public boolean selective() {
            return ids != null || channel != null || from != null || to != null || error != null;
        }
    }

    /** One dead letter as listed. */
    public record DeadLetter(
            String deliveryId,
            String notificationId,
            String channel,
            String recipient,
            String error,
            int attempts,
            Instant deadAt,
            String resolution,
            Instant resolvedAt,
            String resolvedBy,
            List<Attempt> attemptLog) {}

    @Inject
    AuditTrail audit;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional
    public List<DeadLetter> list(Filter filter, boolean includeResolved, int limit) {
        List<Object> parameters = new ArrayList<>();
        String where = where(filter, parameters, includeResolved);
        Query query = em.createNativeQuery("SELECT l.delivery_id, d.notification_id, l.channel, l.recipient, l.error,"
                + " d.attempts, l.dead_at, l.resolution, l.resolved_at, l.resolved_by FROM dead_letter l JOIN delivery"
                + " d ON d.id = l.delivery_id WHERE " + where + " ORDER BY l.dead_at DESC, l.delivery_id LIMIT "
                + limit);
        bind(query, parameters);
        List<?> rows = query.getResultList();
        Map<String, List<Attempt>> attempts = DeliveryStatuses.attemptsOf(
                em, rows.stream().map(r -> (String) ((Object[]) r)[0]).toList());
        List<DeadLetter> letters = new ArrayList<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            letters.add(new DeadLetter(
                    (String) r[0],
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    (String) r[4],
                    ((Number) r[5]).intValue(),
                    instant(r[6]),
                    (String) r[7],
                    instant(r[8]),
                    (String) r[9],
                    attempts.getOrDefault((String) r[0], List.of())));
        }
        return letters;
    }

    /** Read-only, for the operators' flow view (ops composes it): how many dead letters are not resolved yet. */
    @Transactional
    public long openCount() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM dead_letter WHERE resolution IS NULL")
                        .getSingleResult())
                .longValue();
    }

    /** Queues the matching open dead letters again; answers how many. */
    @Transactional
    public int replay(Filter filter, String admin) {
        List<String> ids = open(filter);
        audited(admin, "dead-letters.replay", ids);
        if (ids.isEmpty()) {
            return 0;
        }
        Timestamp now = Timestamp.from(clock.instant());
        em.createNamedQuery(Delivery.REPLAY)
                .setParameter("queued", DeliveryStatus.QUEUED.wire())
                .setParameter("now", now.toInstant())
                .setParameter("reason", "replayed by an admin")
                .setParameter("ids", ids)
                .executeUpdate();
        resolve(ids, "replayed", admin, now);
        return ids.size();
    }

    /** Closes the matching open dead letters without sending; answers how many. */
    @Transactional
    public int discard(Filter filter, String admin) {
        List<String> ids = open(filter);
        audited(admin, "dead-letters.discard", ids);
        if (!ids.isEmpty()) {
            resolve(ids, "discarded", admin, Timestamp.from(clock.instant()));
        }
        return ids.size();
    }

    private void audited(String admin, String action, List<String> ids) {
        audit.record(
                admin,
                action,
                "dead-letters",
                JsonFactory.PROVIDER
                        .createObjectBuilder()
                        .add("count", ids.size())
                        .add("deliveryIds", JsonFactory.PROVIDER.createArrayBuilder(ids))
                        .build());
    }

    private List<String> open(Filter filter) {
        List<Object> parameters = new ArrayList<>();
        Query query = em.createNativeQuery("SELECT l.delivery_id FROM dead_letter l WHERE "
                + where(filter, parameters, false) + " ORDER BY l.delivery_id FOR UPDATE");
        bind(query, parameters);
        return query.getResultList().stream().map(String.class::cast).toList();
    }

    private void resolve(List<String> ids, String resolution, String admin, Timestamp now) {
        em.createNativeQuery("UPDATE dead_letter SET resolution = ?2, resolved_at = ?3, resolved_by = ?4"
                        + " WHERE delivery_id = ANY(CAST(?1 AS varchar[]))")
                .setParameter(1, textArray(ids))
                .setParameter(2, resolution)
                .setParameter(3, now)
                .setParameter(4, admin)
                .executeUpdate();
    }

    private static String where(Filter filter, List<Object> parameters, boolean includeResolved) {
        List<String> conditions = new ArrayList<>();
        if (!includeResolved) {
            conditions.add("l.resolution IS NULL");
        }
        if (filter.ids() != null) {
            parameters.add(textArray(filter.ids()));
            conditions.add("l.delivery_id = ANY(CAST(?" + parameters.size() + " AS varchar[]))");
        }
        if (filter.channel() != null) {
            parameters.add(filter.channel());
            conditions.add("l.channel = ?" + parameters.size());
        }
        if (filter.from() != null) {
            parameters.add(Timestamp.from(filter.from()));
            conditions.add("l.dead_at >= ?" + parameters.size());
        }
        if (filter.to() != null) {
            parameters.add(Timestamp.from(filter.to()));
            conditions.add("l.dead_at < ?" + parameters.size());
        }
        if (filter.error() != null) {
            parameters.add("%"
                    + filter.error().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            conditions.add("l.error ILIKE ?" + parameters.size());
        }
        return conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions);
    }

    private static void bind(Query query, List<Object> parameters) {
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
    }
}
