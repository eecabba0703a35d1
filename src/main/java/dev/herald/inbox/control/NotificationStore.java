package dev.herald.inbox.control;

import dev.herald.inbox.entity.EventKey;
import dev.herald.inbox.entity.InboxChanged;
import dev.herald.inbox.entity.InboxChanges;
import dev.herald.inbox.entity.Notification;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Appends notifications to inboxes inside the caller's transaction: drops those whose {@code (source, id,
 * recipient)} is already stored or was deleted, hands out each user's next {@code seq}s, inserts the rest in one statement, and
 * announces every user's change as one event (delivered to live sessions only if the transaction commits). Each step
 * is one statement with array parameters, whatever the batch size.
 */
@ApplicationScoped
public class NotificationStore {

    @Inject
    Event<InboxChanges> changes;

    @Resource(lookup = "jdbc/herald")
    DataSource dataSource;

    /** Stores what is new among {@code candidates}; answers the notifications actually stored. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Notification> append(List<Notification> candidates) {
        Map<EventKey, Notification> fresh = new LinkedHashMap<>();
        candidates.forEach(n -> fresh.putIfAbsent(n.eventKey(), n));
        dropExisting(fresh);
        // lock each user's sequence row in a fixed order, so concurrent writers never deadlock
        Map<String, List<Notification>> byRecipient = new TreeMap<>();
        fresh.values().forEach(n -> byRecipient
                .computeIfAbsent(n.recipient(), r -> new ArrayList<>())
                .add(n));
        Map<String, Sequence> sequences = allocate(byRecipient);
        List<Notification> stored = new ArrayList<>(fresh.size());
        byRecipient.forEach((recipient, notifications) -> {
            long next = sequences.get(recipient).lastSeq() - notifications.size() + 1;
            for (Notification n : notifications) {
                n.assignSeq(next++);
                stored.add(n);
            }
        });
        insert(stored);
        announce(byRecipient, sequences);
        return stored;
    }

    /**
     * One multi-row insert through the transaction's connection. JPA's per-entity unit of work (change sets, batch
     * bookkeeping) cost more CPU than the database did for the same rows; the entities stay the read model.
     */
    private void insert(List<Notification> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int size = rows.size();
        List<Function<Notification, Object>> columns = List.of(
                Notification::id,
                Notification::recipient,
                n -> n.eventKey().source(),
                n -> n.eventKey().eventId(),
                Notification::type,
                Notification::category,
                Notification::title,
                Notification::body,
                Notification::data,
                Notification::actors);
        List<Object> arrays = new ArrayList<>();
        for (Function<Notification, Object> column : columns) {
            arrays.add(rows.stream().map(column).toArray(String[]::new));
        }
        arrays.add(rows.stream().map(Notification::seq).toArray(Long[]::new));
        arrays.add(rows.stream().map(n -> Timestamp.from(n.createdAt())).toArray(Timestamp[]::new));
        query(
                "INSERT INTO notification (id, recipient, source, event_id, type, category, title, body, data, actors,"
                        + " seq, created_at, updated_at) SELECT r.*, r.created_at FROM unnest(?::varchar[],"
                        + " ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::text[], ?::text[],"
                        + " ?::text[], ?::text[], ?::bigint[], ?::timestamptz[])"
                        + " AS r(id, recipient, source, event_id, type, category, title, body, data, actors, seq,"
                        + " created_at)",
                arrays,
                null);
    }

    /**
     * One change event per user, with the new notifications and the unread count as of this transaction: the count
     * before the insert (read while locking the user's row) plus the new notifications, which all start unread.
     */
    private void announce(Map<String, List<Notification>> byRecipient, Map<String, Sequence> sequences) {
        if (byRecipient.isEmpty()) {
            return;
        }
        List<InboxChanged> all = new ArrayList<>(byRecipient.size());
        byRecipient.forEach((user, notifications) -> {
            InboxChanged.Builder change = InboxChanged.of(user);
            notifications.forEach(change::created);
            long unread = sequences.get(user).unreadBefore() + notifications.size();
            all.add(change.unreadCount(unread).build());
        });
        changes.fire(new InboxChanges(all));
    }

    private void dropExisting(Map<EventKey, Notification> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        String[] eventIds =
                fresh.keySet().stream().map(EventKey::eventId).distinct().toArray(String[]::new);
        query(
                "SELECT source, event_id, recipient FROM notification WHERE event_id = ANY(?) UNION ALL"
                        + " SELECT source, event_id, recipient FROM notification_tombstone WHERE event_id = ANY(?)",
                List.of(eventIds, eventIds),
                rows -> fresh.remove(new EventKey(rows.getString(1), rows.getString(2), rows.getString(3))));
    }

    /** A user's row of {@code user_sequence} once this transaction reserved its numbers. */
    private record Sequence(long lastSeq, long unreadBefore) {}

    /**
     * Reserves each user's sequence numbers in one statement; answers each user's last number and unread count
     * (kept by the database's triggers on {@code notification}). The rows are upserted in the map's (sorted) order,
     * which is the order their locks are taken; they stay locked until commit, so the count cannot move meanwhile.
     */
    private Map<String, Sequence> allocate(Map<String, List<Notification>> byRecipient) {
        Map<String, Sequence> sequences = new HashMap<>();
        if (byRecipient.isEmpty()) {
            return sequences;
        }
        String[] recipients = byRecipient.keySet().toArray(String[]::new);
        Long[] counts =
                byRecipient.values().stream().map(list -> (long) list.size()).toArray(Long[]::new);
        query(
                "INSERT INTO user_sequence (recipient, last_seq) SELECT * FROM unnest(?::varchar[], ?::bigint[])"
                        + " ON CONFLICT (recipient) DO UPDATE SET last_seq = user_sequence.last_seq + EXCLUDED.last_seq"
                        + " RETURNING recipient, last_seq, unread",
                List.of(recipients, counts),
                rows -> sequences.put(rows.getString(1), new Sequence(rows.getLong(2), rows.getLong(3))));
        return sequences;
    }

    /** Row callback that may throw SQLException. */
    private interface RowHandler {
        void accept(ResultSet rows) throws SQLException;
    }

    /**
     * Runs one statement with array parameters on the transaction's own connection; a {@code null} handler runs one
     * that answers no rows. EclipseLink's handling of native queries is quadratic in the number of positional
     * parameters (profiled at 500-1000 per batch); one array each keeps these statements constant-size.
     */
    private void query(String sql, List<Object> arrays, RowHandler handler) {
        // inside the transaction the container hands out the shared, enlisted connection JPA writes through
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < arrays.size(); i++) {
                Object[] values = (Object[]) arrays.get(i);
                String type =
                        values instanceof Long[] ? "bigint" : values instanceof Timestamp[] ? "timestamptz" : "varchar";
                statement.setArray(i + 1, statement.getConnection().createArrayOf(type, values));
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
            throw new PersistenceException("inbox store statement failed: " + e.getMessage(), e);
        }
    }
}
