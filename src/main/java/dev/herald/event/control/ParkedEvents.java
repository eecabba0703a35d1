package dev.herald.event.control;

import static dev.herald.platform.control.SqlValues.instant;

import dev.herald.event.entity.ParkedEvent;
import dev.herald.platform.control.AuditTrail;
import dev.herald.platform.control.JsonFactory;
import dev.herald.platform.control.RootCause;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The parked records: what intake could not use, for operators to inspect, replay once the cause is fixed (a catalog
 * reloaded, a type added) or discard. A replay runs the record through intake again; one that still cannot be used is
 * parked again with its new reason.
 */
@ApplicationScoped
@Transactional
public class ParkedEvents {
    private static final Logger LOG = Logger.getLogger(ParkedEvents.class.getName());
    /** The most one replay or discard takes. */
    public static final int MAX_SELECTED = 1000;

    /** The most records {@link #mentioning} answers (a user's or event's story lists them). */
    static final int MENTIONS_LIMIT = 20;

    /** A binary-mode record keeps its envelope (the event id among it) in its headers. */
    static final String MENTIONING = "SELECT id, parked_at, reason FROM parked_event WHERE payload ILIKE ?1"
            + " OR headers ILIKE ?1 ORDER BY parked_at DESC, id LIMIT " + MENTIONS_LIMIT;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    ParkedReplay one;

    @Inject
    AuditTrail audit;

    /** Which parked records: by ids, or by reason text and parking time (all optional, all must match). */
    public record Filter(List<String> ids, String reason, Instant from, Instant to) {
        /** Whether it names something: a replay or discard of an empty filter would take every record. */
        public boolean selective() {
            return (ids != null && !ids.isEmpty()) || reason != null || from != null || to != null;
        }
    }

    /**
     * What a replay did: records stored, records parked again (or left as they were after an error), and for a
     * selection by filter how many still match (past the most one call takes).
     */
    public record Replayed(int replayed, int stillParked, long remaining) {}

    /** A parked record that mentions something, without its payload. */
    public record Mention(String id, Instant parkedAt, String reason) {}

    public List<ParkedEvent> newest(Filter filter, int limit) {
        return query(filter, "SELECT p FROM ParkedEvent p", " ORDER BY p.parkedAt DESC, p.id", ParkedEvent.class)
                .setMaxResults(limit)
                .getResultList();
    }

    public long count(Filter filter) {
        return query(filter, "SELECT COUNT(p) FROM ParkedEvent p", "", Long.class)
                .getSingleResult();
    }

    /**
     * Read-only, for an operator's story of a user or an event (ops composes it): the newest records whose payload or
     * headers contain {@code text} (a user or event id) anywhere, at most {@link #MENTIONS_LIMIT}.
     */
    public List<Mention> mentioning(String text) {
        List<Mention> mentions = new ArrayList<>();
        for (Object row : em.createNativeQuery(MENTIONING)
                .setParameter(1, containing(text))
                .getResultList()) {
            Object[] r = (Object[]) row;
            mentions.add(new Mention((String) r[0], instant(r[1]), (String) r[2]));
        }
        return mentions;
    }

    /** An ILIKE pattern matching {@code text} anywhere, its own wildcards and escapes taken literally. */
    static String containing(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /**
     * Runs the selected records (at most {@link #MAX_SELECTED}) through intake again, each in a transaction of its own
     * (one that cannot be stored stays parked as it was and does not hold back the others), then records the replay
     * in the audit trail.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Replayed replay(Filter filter, String actor) {
        List<String> ids =
                newest(filter, MAX_SELECTED).stream().map(ParkedEvent::id).toList();
        int replayed = 0;
        int stillParked = 0;
        int failed = 0;
        for (String id : ids) {
            try {
                switch (one.replay(id)) {
                    case REPLAYED -> replayed++;
                    case STILL_PARKED -> stillParked++;
                    case GONE -> {
                        // another admin's replay or discard took it
                    }
                }
            } catch (RuntimeException e) {
                failed++;
                LOG.warning(
                        () -> "Replaying parked record " + id + " failed; it stays parked: " + RootCause.message(e));
            }
        }
        long remaining = filter.ids() == null || filter.ids().isEmpty() ? count(filter) : 0;
        Replayed result = new Replayed(replayed, stillParked + failed, remaining);
        audit.record(
                actor,
                "parked.replay",
                "parked-events",
                JsonFactory.PROVIDER
                        .createObjectBuilder()
                        .add("selection", describe(filter))
                        .add("replayed", replayed)
                        .add("stillParked", stillParked)
                        .add("failed", failed)
                        .build());
        return result;
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
