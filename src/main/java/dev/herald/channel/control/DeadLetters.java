package dev.herald.channel.control;

import dev.herald.channel.entity.DeadLetter;
import dev.herald.channel.entity.DeadLetterView;
import dev.herald.channel.entity.Delivery;
import dev.herald.channel.entity.DeliveryStatus;
import dev.herald.channel.entity.DeliveryView.Attempt;
import dev.herald.platform.control.AuditTrail;
import dev.herald.platform.control.JsonFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

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

    @Inject
    AuditTrail audit;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional
    public List<DeadLetterView> list(Filter filter, boolean includeResolved, int limit) {
        List<DeadLetter> letters = matching(filter, includeResolved, "ORDER BY l.deadAt DESC, l.deliveryId")
                .setMaxResults(limit)
                .getResultList();
        List<String> ids = letters.stream().map(DeadLetter::deliveryId).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Delivery> deliveries = em.createNamedQuery(Delivery.WITH_IDS, Delivery.class)
                .setParameter("ids", ids)
                .getResultStream()
                .collect(Collectors.toMap(Delivery::id, d -> d));
        Map<String, List<Attempt>> attempts = DeliveryStatuses.attemptsOf(em, ids);
        return letters.stream()
                .map(l -> DeadLetterView.of(
                        l, deliveries.get(l.deliveryId()), attempts.getOrDefault(l.deliveryId(), List.of())))
                .toList();
    }

    /** Read-only, for the operators' flow view (ops composes it): how many dead letters are not resolved yet. */
    @Transactional
    public long openCount() {
        return em.createQuery("SELECT COUNT(l) FROM DeadLetter l WHERE l.resolution IS NULL", Long.class)
                .getSingleResult();
    }

    /** Queues the matching open dead letters again; answers how many. */
    @Transactional
    public int replay(Filter filter, String admin) {
        List<DeadLetter> ids = open(filter);
        audited(admin, "dead-letters.replay", ids);
        if (ids.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        em.createNamedQuery(Delivery.REPLAY)
                .setParameter("queued", DeliveryStatus.QUEUED.wire())
                .setParameter("now", now)
                .setParameter("reason", "replayed by an admin")
                .setParameter("ids", ids.stream().map(DeadLetter::deliveryId).toList())
                .executeUpdate();
        ids.forEach(l -> l.resolve("replayed", admin, now));
        return ids.size();
    }

    /** Closes the matching open dead letters without sending; answers how many. */
    @Transactional
    public int discard(Filter filter, String admin) {
        List<DeadLetter> letters = open(filter);
        audited(admin, "dead-letters.discard", letters);
        Instant now = clock.instant();
        letters.forEach(l -> l.resolve("discarded", admin, now));
        return letters.size();
    }

    private void audited(String admin, String action, List<DeadLetter> letters) {
        List<String> ids = letters.stream().map(DeadLetter::deliveryId).toList();
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

    /** The matching open dead letters, locked, in id order (so two admins never wait for each other in a cycle). */
    private List<DeadLetter> open(Filter filter) {
        return matching(filter, false, "ORDER BY l.deliveryId")
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    /** The dead letters that match {@code filter} (open ones unless {@code includeResolved}), ordered. */
    private TypedQuery<DeadLetter> matching(Filter filter, boolean includeResolved, String orderBy) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
        if (!includeResolved) {
            conditions.add("l.resolution IS NULL");
        }
        if (filter.ids() != null) {
            // an empty list names nothing
            conditions.add(filter.ids().isEmpty() ? "1 = 0" : "l.deliveryId IN :ids");
            if (!filter.ids().isEmpty()) {
                parameters.put("ids", filter.ids());
            }
        }
        if (filter.channel() != null) {
            conditions.add("l.channel = :channel");
            parameters.put("channel", filter.channel());
        }
        if (filter.from() != null) {
            conditions.add("l.deadAt >= :from");
            parameters.put("from", filter.from());
        }
        if (filter.to() != null) {
            conditions.add("l.deadAt < :to");
            parameters.put("to", filter.to());
        }
        if (filter.error() != null) {
            conditions.add("LOWER(l.error) LIKE :error ESCAPE '\\'");
            parameters.put(
                    "error",
                    "%"
                            + filter.error()
                                    .toLowerCase(Locale.ROOT)
                                    .replace("\\", "\\\\")
                                    .replace("%", "\\%")
                                    .replace("_", "\\_")
                            + "%");
        }
        TypedQuery<DeadLetter> query = em.createQuery(
                "SELECT l FROM DeadLetter l WHERE "
                        + (conditions.isEmpty() ? "1 = 1" : String.join(" AND ", conditions)) + " " + orderBy,
                DeadLetter.class);
        parameters.forEach(query::setParameter);
        return query;
    }
}
