package dev.herald.event.control;

import dev.herald.event.entity.CloudEvent;
import dev.herald.event.entity.IncomingRecord;
import dev.herald.platform.control.ArrayQuery;
import dev.herald.platform.control.JsonFactory;
import dev.herald.platform.control.SqlValues;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Events held until their {@code deliverat}: kept as the records they came as (so they are checked against the catalog
 * in use when they fire), fired once by whichever instance takes them first ({@code FOR UPDATE SKIP LOCKED}; intake is
 * idempotent per event and recipient besides), and cancellable by their producer until then.
 */
@ApplicationScoped
public class ScheduledEvents {
    /** One event to hold, and the record it came as. */
    public record Held(IncomingRecord record, CloudEvent event) {}

    /** What a cancel found. */
    public enum Cancelled {
        /** The event was scheduled: it will not fire. */
        CANCELLED,
        /** The event is not here (yet): if it arrives with a {@code deliverat}, it is dropped. */
        AHEAD,
        /** The event fired already. */
        FIRED
    }

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Resource(lookup = "jdbc/herald")
    DataSource dataSource;

    @Inject
    EventIntake intake;

    /**
     * Holds the events inside the intake transaction; one already held (a redelivered record) or cancelled ahead of
     * its arrival is left as it is.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void hold(List<Held> events, Instant now) {
        List<String> sources = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<Timestamp> dues = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        List<String> headers = new ArrayList<>();
        for (Held h : events) {
            sources.add(h.event().source());
            ids.add(h.event().id());
            types.add(h.event().type());
            dues.add(Timestamp.from(h.event().deliverAt()));
            payloads.add(h.record().payload());
            JsonObjectBuilder json = JsonFactory.PROVIDER.createObjectBuilder();
            h.record().headers().forEach(json::add);
            headers.add(json.build().toString());
        }
        ArrayQuery.run(
                dataSource,
                "INSERT INTO scheduled_event (source, event_id, type, deliver_at, status, payload, headers, created_at)"
                        + " SELECT r.s, r.id, r.t, r.due, 'scheduled', r.p, r.h::jsonb, (?::timestamptz[])[1]"
                        + " FROM unnest(?, ?, ?, ?, ?, ?) AS r(s, id, t, due, p, h)"
                        + " ON CONFLICT (source, event_id) DO NOTHING",
                List.of(
                        new Timestamp[] {Timestamp.from(now)},
                        sources.toArray(String[]::new),
                        ids.toArray(String[]::new),
                        types.toArray(String[]::new),
                        dues.toArray(Timestamp[]::new),
                        payloads.toArray(String[]::new),
                        headers.toArray(String[]::new)),
                null);
    }

    /** Fires up to {@code limit} events that are due, in one transaction; answers how many it took. */
    @Transactional
    public int fireDue(Instant now, int limit) {
        List<?> rows = em.createNativeQuery("SELECT source, event_id, payload, CAST(headers AS text) FROM"
                        + " scheduled_event WHERE status = 'scheduled' AND deliver_at <= ?1 ORDER BY deliver_at"
                        + " LIMIT ?2 FOR UPDATE SKIP LOCKED")
                .setParameter(1, Timestamp.from(now))
                .setParameter(2, limit)
                .getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        List<IncomingRecord> records = new ArrayList<>(rows.size());
        List<String> sources = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            sources.add((String) r[0]);
            ids.add((String) r[1]);
            records.add(new IncomingRecord((String) r[2], "scheduled", null, null, null, headers((String) r[3])));
        }
        intake.release(records, now);
        em.createNativeQuery("UPDATE scheduled_event SET status = 'fired', settled_at = ?3 WHERE (source, event_id) IN"
                        + " (SELECT * FROM unnest(CAST(?1 AS varchar[]), CAST(?2 AS varchar[])))")
                .setParameter(1, SqlValues.textArray(sources))
                .setParameter(2, SqlValues.textArray(ids))
                .setParameter(3, Timestamp.from(now))
                .executeUpdate();
        return rows.size();
    }

    private static Map<String, String> headers(String json) {
        Map<String, String> headers = new HashMap<>();
        if (json == null) {
            return headers;
        }
        try (var reader = JsonFactory.PROVIDER.createReader(new StringReader(json))) {
            JsonObject object = reader.readObject();
            object.forEach((name, value) -> {
                if (value instanceof JsonString text) {
                    headers.put(name, text.getString());
                }
            });
        }
        return headers;
    }

    /** Cancels event {@code id} of {@code source} for {@code by}, if it has not fired. */
    @Transactional
    public Cancelled cancel(String source, String id, String by, Instant now) {
        List<?> changed = em.createNativeQuery("INSERT INTO scheduled_event (source, event_id, status, created_at,"
                        + " settled_at, cancelled_by) VALUES (?1, ?2, 'cancelled', ?3, ?3, ?4)"
                        + " ON CONFLICT (source, event_id) DO UPDATE SET status = 'cancelled',"
                        + " settled_at = EXCLUDED.settled_at, cancelled_by = EXCLUDED.cancelled_by"
                        + " WHERE scheduled_event.status = 'scheduled' RETURNING payload IS NULL")
                .setParameter(1, source)
                .setParameter(2, id)
                .setParameter(3, Timestamp.from(now))
                .setParameter(4, by)
                .getResultList();
        if (!changed.isEmpty()) {
            return Boolean.TRUE.equals(changed.get(0)) ? Cancelled.AHEAD : Cancelled.CANCELLED;
        }
        Object status = em.createNativeQuery("SELECT status FROM scheduled_event WHERE source = ?1 AND event_id = ?2")
                .setParameter(1, source)
                .setParameter(2, id)
                .getSingleResult();
        return "fired".equals(status) ? Cancelled.FIRED : Cancelled.CANCELLED;
    }

    /** How many events are held for later (for the metrics). */
    @Transactional
    public long pending() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM scheduled_event WHERE status = 'scheduled'")
                        .getSingleResult())
                .longValue();
    }
}
