package dev.herald.platform.control;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** Values crossing a native query: a timestamp column as the driver hands it over, and a text array parameter. */
public final class SqlValues {
    private SqlValues() {}

    /** A {@code timestamptz} column as JDBC or JPA returns it ({@link Timestamp} or {@link OffsetDateTime}); null stays null. */
    public static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return value instanceof Instant i ? i : null;
    }

    /** A PostgreSQL array literal of texts, each quoted (for {@code CAST(? AS varchar[])}). */
    public static String textArray(List<String> values) {
        List<String> quoted = values.stream()
                .map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .toList();
        return "{" + String.join(",", quoted) + "}";
    }
}
