package dev.herald.event.control;

import dev.herald.event.entity.IncomingRecord;
import dev.herald.event.entity.ParkedEvent;
import dev.herald.platform.control.AuditTrail;
import dev.herald.platform.control.JsonFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The parked records: what intake could not use, for operators to inspect, replay once the cause is fixed (a catalog
 * reloaded, a type added) or discard. A replay runs the record through intake again; one that still cannot be used is
 * parked again with its new reason.
 */
@ApplicationScoped
@Transactional
public class ParkedEvents {
    /** The most one replay or discard takes. */
    public static final int MAX_SELECTED = 1000;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    EventIntake intake;

    @Inject
    AuditTrail audit;

    /** Which parked records: by ids, or by reason text and parking time (all optional, all must match). */
    public record Filter(List<String> ids, String reason, Instant from, Instant to) {
        /** Whether it names something: a replay or discard of an empty filter would take every record. */
        public boolean selective() {
            return (ids != null && !ids.isEmpty()) || reason != null || from != null || to != null;
        }
    }

    /** What a replay did. */
    public record Replayed(int replayed, int stillParked) {}

    public List<ParkedEvent> newest(Filter filter, int limit) {
        return query(filter, "SELECT p FROM ParkedEvent p", " ORDER BY p.parkedAt DESC, p.id", ParkedEvent.class)
                .setMaxResults(limit)
                .getResultList();
    }

    public long count(Filter filter) {
        return query(filter, "SELECT COUNT(p) FROM ParkedEvent p", "", Long.class)
                .getSingleResult();
    }

    public Replayed replay(Filter filter, String actor) {
        List<ParkedEvent> selected = newest(filter, MAX_SELECTED);
        List<IncomingRecord> records = new ArrayList<>(selected.size());
        for (ParkedEvent parked : selected) {
            records.add(parked.record());
            em.remove(parked);
        }
        em.flush();
        int stillParked = records.isEmpty() ? 0 : intake.process(records).parked();
        Replayed replayed = new Replayed(records.size() - stillParked, stillParked);
        audit.record(
                actor,
                "parked.replay",
                "parked-events",
                JsonFactory.PROVIDER
                        .createObjectBuilder()
                        .add("selection", describe(filter))
                        .add("replayed", replayed.replayed())
                        .add("stillParked", replayed.stillParked())
                        .build());
        return replayed;
    }

    public int discard(Filter filter, String actor) {
        List<ParkedEvent> selected = newest(filter, MAX_SELECTED);
        selected.forEach(em::remove);
        audit.record(
                actor,
                "parked.discard",
                "parked-events",
                JsonFactory.PROVIDER
                        .createObjectBuilder()
                        .add("selection", describe(filter))
                        .add("discarded", selected.size())
                        .add(
                                "ids",
                                JsonFactory.PROVIDER.createArrayBuilder(
                                        selected.stream().map(ParkedEvent::id).toList()))
                        .build());
        return selected.size();
    }

    private static String describe(Filter filter) {
        List<String> parts = new ArrayList<>();
        if (filter.ids() != null && !filter.ids().isEmpty()) {
            parts.add(filter.ids().size() + " ids");
        }
        if (filter.reason() != null) {
            parts.add("reason ~ " + filter.reason());
        }
        if (filter.from() != null) {
            parts.add("from " + filter.from());
        }
        if (filter.to() != null) {
            parts.add("to " + filter.to());
        }
        return parts.isEmpty() ? "all" : String.join(", ", parts);
    }

    private <T> TypedQuery<T> query(Filter filter, String select, String order, Class<T> type) {
        List<String> conditions = new ArrayList<>();
        if (filter.ids() != null && !filter.ids().isEmpty()) {
            conditions.add("p.id IN :ids");
        }
        if (filter.reason() != null) {
            conditions.add("LOWER(p.reason) LIKE :reason ESCAPE '\\'");
        }
        if (filter.from() != null) {
            conditions.add("p.parkedAt >= :from");
        }
        if (filter.to() != null) {
            conditions.add("p.parkedAt < :to");
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        TypedQuery<T> query = em.createQuery(select + where + order, type);
        if (filter.ids() != null && !filter.ids().isEmpty()) {
            query.setParameter("ids", filter.ids());
        }
        if (filter.reason() != null) {
            String escaped = filter.reason()
                    .toLowerCase(java.util.Locale.ROOT)
                    .replace("\\", "\\\\")
                    .replace("%", "\\%")
                    .replace("_", "\\_");
            query.setParameter("reason", "%" + escaped + "%");
        }
        if (filter.from() != null) {
            query.setParameter("from", filter.from());
        }
        if (filter.to() != null) {
            query.setParameter("to", filter.to());
        }
        return query;
    }
}
