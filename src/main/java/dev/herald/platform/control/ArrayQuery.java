package dev.herald.platform.control;

import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * Runs one statement whose parameters are arrays, on the transaction's own connection. EclipseLink's handling of
 * native queries is quadratic in the number of positional parameters (profiled at 500-1000 per batch); one array per
 * column keeps each statement constant-size whatever the batch size.
 */
public final class ArrayQuery {
    /** Row callback that may throw SQLException. */
    public interface RowHandler {
        void accept(ResultSet rows) throws SQLException;
    }

    private ArrayQuery() {}

    /** Runs {@code sql}; a {@code null} handler runs one that answers no rows. */
    public static void run(DataSource dataSource, String sql, List<Object[]> arrays, RowHandler handler) {
        // inside the transaction the container hands out the shared, enlisted connection JPA writes through
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < arrays.size(); i++) {
                Object[] values = arrays.get(i);
                statement.setArray(i + 1, connection.createArrayOf(sqlType(values), values));
            }
            if (handler == null) {
                statement.executeUpdate();
                return;
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    handler.accept(rows);
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("statement failed: " + e.getMessage(), e);
        }
    }

    private static String sqlType(Object[] values) {
        if (values instanceof Long[]) {
            return "bigint";
        }
        if (values instanceof Integer[]) {
            return "integer";
        }
        if (values instanceof Boolean[]) {
            return "boolean";
        }
        return values instanceof Timestamp[] ? "timestamptz" : "varchar";
    }

    public static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    public static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp at = rows.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
