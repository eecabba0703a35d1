package dev.herald.inbox.control;

import static dev.herald.platform.control.ArrayQuery.timestamp;

import dev.herald.inbox.entity.Notification;
import dev.herald.inbox.entity.StoredRow;
import dev.herald.platform.control.ArrayQuery;
import jakarta.persistence.PersistenceException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The {@code notification} table as the inbox's own statements write and read it, in one list of columns: the batch
 * insert, the update of gathered aggregates and the column list of every read are made from it, so a new column is
 * one line here (and its field in {@link Notification}). Each statement takes one array per column, whatever the
 * batch size (JPA's unit of work cost more CPU than the rows: profiled).
 */
final class NotificationTable {
    /** One column: its name, the SQL type of its array, and how a notification gives its value. */
    private record Column(String name, String type, Function<Notification, Object> value, IntFunction<Object[]> array) {
        /** How the row's value is written: JSON travels as text and is cast. */
        String select() {
            return "jsonb".equals(type) ? "r." + name + "::jsonb" : "r." + name;
        }

        String arrayType() {
            return ("jsonb".equals(type) ? "text" : type) + "[]";
        }

        Object[] values(List<Notification> rows) {
            return rows.stream().map(value).toArray(array);
        }
    }

    private static Column text(String name, Function<Notification, String> value) {
        return new Column(name, "varchar", value::apply, String[]::new);
    }

    private static Column longText(String name, Function<Notification, String> value) {
        return new Column(name, "text", value::apply, String[]::new);
    }

    private static Column json(String name, Function<Notification, String> value) {
        return new Column(name, "jsonb", value::apply, String[]::new);
    }

    private static Column time(String name, Function<Notification, Instant> value) {
        return new Column(name, "timestamptz", n -> timestamp(value.apply(n)), Timestamp[]::new);
    }

    private static Column number(String name, Function<Notification, Integer> value) {
        return new Column(name, "integer", value::apply, Integer[]::new);
    }

    private static Column bigNumber(String name, Function<Notification, Long> value) {
        return new Column(name, "bigint", value::apply, Long[]::new);
    }

    private static Column flag(String name, Function<Notification, Boolean> value) {
        return new Column(name, "boolean", value::apply, Boolean[]::new);
    }

    private static final Column ID = text("id", Notification::id);
    private static final Column SEQ = bigNumber("seq", Notification::seq);
    private static final Column TITLE = longText("title", Notification::title);
    private static final Column BODY = longText("body", Notification::body);
    private static final Column DATA = json("data", n -> n.payload().dataText());
    private static final Column ACTORS = json("actors", n -> n.payload().actorsText());
    private static final Column LOCALE = text("locale", Notification::locale);
    private static final Column LINK = longText("link", Notification::link);
    private static final Column ACTOR_COUNT =
            number("actor_count", n -> n.grouping().actorCount());
    private static final Column EVENT_COUNT =
            number("event_count", n -> n.grouping().eventCount());
    private static final Column UPDATED_AT = time("updated_at", Notification::updatedAt);
    private static final Column SEEN_AT = time("seen_at", n -> n.reading().seenAt());
    private static final Column READ_AT = time("read_at", n -> n.reading().readAt());
    private static final Column ARCHIVED_AT =
            time("archived_at", n -> n.reading().archivedAt());
    private static final Column SNOOZED_UNTIL =
            time("snoozed_until", n -> n.reading().snoozedUntil());
    private static final Column SILENT = flag("silent", n -> n.handling().silent());

    /** Every column, in the order of {@link #COLUMNS}. */
    private static final List<Column> ALL = List.of(
            ID,
            text("recipient", Notification::recipient),
            SEQ,
            text("source", n -> n.eventKey().source()),
            text("event_id", n -> n.eventKey().eventId()),
            text("type", Notification::type),
            text("category", Notification::category),
            text("priority", n -> n.handling().priority()),
            LOCALE,
            TITLE,
            BODY,
            LINK,
            DATA,
            ACTORS,
            text("group_key", n -> n.grouping().groupKey()),
            time("window_ends_at", n -> n.grouping().windowEndsAt()),
            ACTOR_COUNT,
            EVENT_COUNT,
            time("created_at", Notification::createdAt),
            UPDATED_AT,
            SEEN_AT,
            READ_AT,
            ARCHIVED_AT,
            SNOOZED_UNTIL,
            SILENT);

    /** What a new notification has: not the states only a user gives it (seen, read, archived, snoozed). */
    private static final List<Column> INSERTED = ALL.stream()
            .filter(c -> !List.of(SEEN_AT, READ_AT, ARCHIVED_AT, SNOOZED_UNTIL).contains(c))
            .toList();

    /** What gathering an event changes in a stored aggregate (see {@link Notification#absorb}). */
    private static final List<Column> GATHERED = List.of(
            SEQ,
            TITLE,
            BODY,
            LINK,
            DATA,
            ACTORS,
            LOCALE,
            ACTOR_COUNT,
            EVENT_COUNT,
            UPDATED_AT,
            SEEN_AT,
            READ_AT,
            SILENT);

    /** Every column, for a {@code SELECT} whose rows {@link #restore} reads. */
    static final String COLUMNS = names(ALL, "");

    /** {@link #COLUMNS} of the table aliased {@code n}. */
    static final String N_COLUMNS = names(ALL, "n.");

    private static final String INSERT = "INSERT INTO notification (" + names(INSERTED, "") + ") SELECT "
            + INSERTED.stream().map(Column::select).collect(Collectors.joining(", ")) + " FROM " + unnest(INSERTED);

    private static final String UPDATE = "UPDATE notification n SET "
            + GATHERED.stream().map(c -> c.name() + " = " + c.select()).collect(Collectors.joining(", "))
            + " FROM " + unnest(withId(GATHERED)) + " WHERE n.id = r.id";

    /**
     * Locks the {@code user_sequence} rows of an array of users in the array's order (not the database collation's):
     * callers pass them sorted as Java sorts strings, the order intake's upsert locks them in, so no two writers ever
     * wait for each other in a cycle.
     */
    static final String LOCK_USERS_IN_ORDER = "SELECT s.recipient FROM unnest(?::varchar[]) WITH ORDINALITY"
            + " AS k(recipient, i) JOIN user_sequence s ON s.recipient = k.recipient ORDER BY k.i FOR UPDATE OF s";

    private NotificationTable() {}

    private static String names(List<Column> columns, String prefix) {
        return columns.stream().map(c -> prefix + c.name()).collect(Collectors.joining(", "));
    }

    private static List<Column> withId(List<Column> columns) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(ID), columns.stream())
                .toList();
    }

    private static String unnest(List<Column> columns) {
        return "unnest(" + columns.stream().map(c -> "?::" + c.arrayType()).collect(Collectors.joining(", "))
                + ") AS r(" + names(columns, "") + ")";
    }

    private static List<Object[]> arrays(List<Column> columns, List<Notification> rows) {
        return columns.stream().map(c -> c.values(rows)).toList();
    }

    /** Inserts new notifications in one statement, through the transaction's connection. */
    static void insert(DataSource dataSource, List<Notification> rows) {
        if (!rows.isEmpty()) {
            ArrayQuery.run(dataSource, INSERT, arrays(INSERTED, rows), null);
        }
    }

    /** Writes the aggregates that gathered events, as their intent methods left them, in one statement. */
    static void updateGathered(DataSource dataSource, List<Notification> rows) {
        if (!rows.isEmpty()) {
            ArrayQuery.run(dataSource, UPDATE, arrays(withId(GATHERED), rows), null);
        }
    }

    /** A notification from a row that has {@link #COLUMNS}. */
    static Notification restore(ResultSet rows) {
        return Notification.restore(new StoredRow() {
            @Override
            public String text(String column) {
                return read(() -> rows.getString(column));
            }

            @Override
            public long number(String column) {
                return read(() -> rows.getLong(column));
            }

            @Override
            public Instant instant(String column) {
                return read(() -> ArrayQuery.instant(rows, column));
            }

            @Override
            public boolean flag(String column) {
                return read(() -> rows.getBoolean(column));
            }
        });
    }

    private interface Read<T> {
        T get() throws SQLException;
    }

    private static <T> T read(Read<T> column) {
        try {
            return column.get();
        } catch (SQLException e) {
            throw new PersistenceException("reading a notification failed: " + e.getMessage(), e);
        }
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
