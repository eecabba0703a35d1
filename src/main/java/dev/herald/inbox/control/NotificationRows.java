package dev.herald.inbox.control;

import static dev.herald.platform.control.ArrayQuery.instant;
import static dev.herald.platform.control.ArrayQuery.timestamp;

import dev.herald.inbox.entity.Notification;
import dev.herald.platform.control.ArrayQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/** The {@code notification} table as the inbox's own statements read it, and the log of moves they write. */
final class NotificationRows {
    /** Every column of a notification, in {@link Notification.Stored}'s order. */
    static final String COLUMNS = "id, recipient, seq, source, event_id, type, category, priority, locale,"
            + " title, body, data, actors, group_key, window_ends_at, actor_count, event_count, created_at,"
            + " updated_at, seen_at, read_at, archived_at, snoozed_until, silent";

    /**
     * Locks the {@code user_sequence} rows of an array of users in the array's order (not the database collation's):
     * callers pass them sorted as Java sorts strings, the order intake's upsert locks them in, so no two writers ever
     * wait for each other in a cycle.
     */
    static final String LOCK_USERS_IN_ORDER = "SELECT s.recipient FROM unnest(?::varchar[]) WITH ORDINALITY"
            + " AS k(recipient, i) JOIN user_sequence s ON s.recipient = k.recipient ORDER BY k.i FOR UPDATE OF s";

    private NotificationRows() {}

    static Notification restore(ResultSet rows) throws SQLException {
        return Notification.restore(new Notification.Stored(
                rows.getString("id"),
                rows.getString("recipient"),
                rows.getLong("seq"),
                rows.getString("source"),
                rows.getString("event_id"),
                rows.getString("type"),
                rows.getString("category"),
                rows.getString("priority"),
                rows.getString("locale"),
                rows.getString("title"),
                rows.getString("body"),
                rows.getString("data"),
                rows.getString("actors"),
                rows.getString("group_key"),
                instant(rows, "window_ends_at"),
                rows.getInt("actor_count"),
                rows.getInt("event_count"),
                instant(rows, "created_at"),
                instant(rows, "updated_at"),
                instant(rows, "seen_at"),
                instant(rows, "read_at"),
                instant(rows, "archived_at"),
                instant(rows, "snoozed_until"),
                rows.getBoolean("silent")));
    }

    /**
     * Keeps the old place of every notification that moved to a new {@code seq} in this transaction, so a cursor
     * taken before the move still finds it there (see {@link InboxPages}).
     */
    static void recordMoves(DataSource dataSource, List<Notification> notifications, Instant now) {
        List<Notification> moved =
                notifications.stream().filter(n -> n.movedFrom() > 0).toList();
        if (moved.isEmpty()) {
            return;
        }
        ArrayQuery.run(
                dataSource,
                "INSERT INTO notification_move (recipient, old_seq, new_seq, notification_id, moved_at)"
                        + " SELECT r.*, (?::timestamptz[])[1]"
                        + " FROM unnest(?::varchar[], ?::bigint[], ?::bigint[], ?::varchar[])"
                        + " AS r(recipient, old_seq, new_seq, notification_id)",
                List.of(
                        new Timestamp[] {timestamp(now)},
                        moved.stream().map(Notification::recipient).toArray(String[]::new),
                        moved.stream().map(Notification::movedFrom).toArray(Long[]::new),
                        moved.stream().map(Notification::seq).toArray(Long[]::new),
                        moved.stream().map(Notification::id).toArray(String[]::new)),
                null);
    }
}
