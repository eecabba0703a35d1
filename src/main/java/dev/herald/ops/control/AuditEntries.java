package dev.herald.ops.control;

import static dev.herald.platform.control.SqlValues.instant;

import dev.herald.platform.control.JsonFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads the audit trail, newest first, by action, actor and time. */
@ApplicationScoped
@Transactional
public class AuditEntries {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** One entry of the trail. */
    public record Entry(long id, Instant at, String actor, String action, String target, JsonObject details) {}

    /** Which entries: each part optional; {@code action} matches an action or, ending in '.', a family of them. */
    public record Filter(String action, String actor, Instant from, Instant to) {}

    public List<Entry> newest(Filter filter, int limit) {
        List<String> conditions = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (filter.action() != null) {
            parameters.add(filter.action().endsWith(".") ? filter.action() : filter.action() + ".");
            parameters.add(filter.action());
            conditions.add(
                    "(starts_with(action, ?" + (parameters.size() - 1) + ") OR action = ?" + parameters.size() + ")");
        }
        if (filter.actor() != null) {
            parameters.add(filter.actor());
            conditions.add("actor = ?" + parameters.size());
        }
        if (filter.from() != null) {
            parameters.add(Timestamp.from(filter.from()));
            conditions.add("at >= ?" + parameters.size());
        }
        if (filter.to() != null) {
            parameters.add(Timestamp.from(filter.to()));
            conditions.add("at < ?" + parameters.size());
        }
        Query query = em.createNativeQuery("SELECT id, at, actor, action, target, details::text FROM audit_entry"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY id DESC");
        for (int i = 0; i < parameters.size(); i++) {
            query.setParameter(i + 1, parameters.get(i));
        }
        List<Entry> entries = new ArrayList<>();
        for (Object row : query.setMaxResults(limit).getResultList()) {
            Object[] columns = (Object[]) row;
            entries.add(new Entry(
                    ((Number) columns[0]).longValue(),
                    instant(columns[1]),
                    (String) columns[2],
                    (String) columns[3],
                    (String) columns[4],
                    parse((String) columns[5])));
        }
        return entries;
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = JsonFactory.PROVIDER.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
