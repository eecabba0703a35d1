package dev.herald.inbox.control;

import dev.herald.inbox.entity.CategoryCounts;
import dev.herald.inbox.entity.InboxCursor;
import dev.herald.inbox.entity.InboxFilter;
import dev.herald.inbox.entity.InboxPage;
import dev.herald.inbox.entity.Notification;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads an inbox page by page, newest first, as it stood when the walk began: every notification at its place then
 * (its {@code seq}, or, if it has moved up since, the {@code seq} it left, from {@code notification_move}), so a walk
 * sees each notification once however many arrive or move meanwhile. And the badges per category, in one statement.
 */
@ApplicationScoped
public class InboxPages {
    private static final String N_COLUMNS = NotificationTable.N_COLUMNS;

    @Resource(lookup = "jdbc/herald")
    DataSource dataSource;

    public InboxPage page(String user, InboxFilter filter, InboxCursor cursor, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder conditions = new StringBuilder();
        condition(conditions, filter.read(), "n.read_at IS NOT NULL", "n.read_at IS NULL");
        condition(conditions, filter.seen(), "n.seen_at IS NOT NULL", "n.seen_at IS NULL");
        condition(conditions, filter.archived(), "n.archived_at IS NOT NULL", "n.archived_at IS NULL");
        condition(conditions, filter.snoozed(), "n.snoozed_until IS NOT NULL", "n.snoozed_until IS NULL");
        equal(conditions, params, "n.category", filter.category());
        equal(conditions, params, "n.type", filter.type());
        String sql = "SELECT * FROM ("
                + "SELECT " + N_COLUMNS + ", n.seq AS place FROM notification n"
                + " WHERE n.recipient = ? AND n.seq <= ? AND n.seq < ?" + conditions
                + " UNION ALL SELECT " + N_COLUMNS + ", m.old_seq AS place FROM notification_move m"
                + " JOIN notification n ON n.id = m.notification_id"
                + " WHERE m.recipient = ? AND m.old_seq <= ? AND m.new_seq > ? AND m.old_seq < ?" + conditions
                + ") p ORDER BY place DESC LIMIT ?";
        try (Connection connection = dataSource.getConnection()) {
            InboxCursor at = cursor.at(lastSeq(connection, user));
            List<Object> all = new ArrayList<>(List.of(user, at.snapshot(), at.before()));
            all.addAll(params);
            all.addAll(List.of(user, at.snapshot(), at.snapshot(), at.before()));
            all.addAll(params);
            all.add(limit + 1);
            List<Notification> rows = new ArrayList<>(limit + 1);
            long lastPlace = 0;
            try (PreparedStatement query = prepare(connection, sql, all);
                    ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    if (rows.size() < limit) {
                        lastPlace = result.getLong("place");
                    }
                    rows.add(NotificationTable.restore(result));
                }
            }
            if (rows.size() <= limit) {
                return new InboxPage(rows, null);
            }
            return new InboxPage(rows.subList(0, limit), at.next(lastPlace));
        } catch (SQLException e) {
            throw new PersistenceException("reading an inbox page failed: " + e.getMessage(), e);
        }
    }

    /** Unread and unseen notifications in the inbox proper, per category and in all. */
    public CategoryCounts counts(String user) {
        // reading marks seen too, so every unseen notification is also unread and the unread index finds them all
        String sql = "SELECT category, count(*), count(*) FILTER (WHERE seen_at IS NULL) FROM notification"
                + " WHERE recipient = ? AND read_at IS NULL AND archived_at IS NULL AND snoozed_until IS NULL"
                + " GROUP BY category ORDER BY category";
        Map<String, CategoryCounts.Count> categories = new LinkedHashMap<>();
        long unread = 0;
        long unseen = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = prepare(connection, sql, List.of(user));
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                CategoryCounts.Count count = new CategoryCounts.Count(rows.getLong(2), rows.getLong(3));
                categories.put(rows.getString(1), count);
                unread += count.unread();
                unseen += count.unseen();
            }
        } catch (SQLException e) {
            throw new PersistenceException("counting an inbox failed: " + e.getMessage(), e);
        }
        return new CategoryCounts(new CategoryCounts.Count(unread, unseen), categories);
    }

    /**
     * The user's last {@code seq} as committed: every notification at or below it is in its place, and any number
     * handed out later belongs to a transaction that commits after this read.
     */
    private static long lastSeq(Connection connection, String user) throws SQLException {
        try (PreparedStatement query =
                        prepare(connection, "SELECT last_seq FROM user_sequence WHERE recipient = ?", List.of(user));
                ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    private static void condition(StringBuilder sql, Boolean wanted, String ifTrue, String ifFalse) {
        if (wanted != null) {
            sql.append(" AND ").append(wanted ? ifTrue : ifFalse);
        }
    }

    private static void equal(StringBuilder sql, List<Object> params, String column, String value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = ?");
            params.add(value);
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, List<Object> params)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            statement.setObject(i + 1, params.get(i));
        }
        return statement;
    }
}
