package dev.herald.inbox.control;

import dev.herald.platform.control.ArrayQuery;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * One short transaction of the inbox purge: finds up to {@code size} notifications past their retention, takes their
 * users' row locks in sorted order (as intake does, so neither waits for the other in a cycle, and each user waits
 * at most one small batch), and deletes those still past it. The unread-count triggers keep every counter right.
 */
@ApplicationScoped
public class RetentionBatch {
    /** Only one instance purges at a time: the others skip their turn. */
    static final long LOCK_KEY = 0x4845524c44_5245L;

    @Resource(lookup = "jdbc/herald")
    DataSource dataSource;

    /** Which notifications a batch purges. */
    public enum Kind {
        /** Read before the cut-off (a snoozed one waits until it is back). */
        READ("read_at < (?::timestamptz[])[1] AND snoozed_until IS NULL", "read_at"),
        /** Created before the cut-off, read or not (a snoozed one waits until it is back). */
        ALL("created_at < (?::timestamptz[])[1] AND snoozed_until IS NULL", "created_at");

        private final String condition;
        /** The indexed column the batches walk, oldest first. */
        private final String column;

        Kind(String condition, String column) {
            this.condition = condition;
            this.column = column;
        }
    }

    /** Deletes one batch; answers how many, or -1 when another instance holds the purge. */
    @Transactional
    public int purge(Kind kind, Instant before, int size) {
        List<Boolean> mine = new ArrayList<>();
        ArrayQuery.run(
                dataSource,
                "SELECT pg_try_advisory_xact_lock((?::bigint[])[1])",
                List.<Object[]>of(new Long[] {LOCK_KEY}),
                rows -> mine.add(rows.getBoolean(1)));
        if (!mine.get(0)) {
            return -1;
        }
        Timestamp[] cutOff = {Timestamp.from(before)};
        List<String> ids = new ArrayList<>();
        TreeSet<String> users = new TreeSet<>();
        ArrayQuery.run(
                dataSource,
                "SELECT id, recipient FROM notification WHERE " + kind.condition + " ORDER BY " + kind.column
                        + " LIMIT " + size,
                List.<Object[]>of(cutOff),
                rows -> {
                    ids.add(rows.getString(1));
                    users.add(rows.getString(2));
                });
        if (ids.isEmpty()) {
            return 0;
        }
        ArrayQuery.run(
                dataSource,
                NotificationTable.LOCK_USERS_IN_ORDER,
                List.<Object[]>of(users.toArray(String[]::new)),
                rows -> {});
        int[] deleted = new int[1];
        ArrayQuery.run(
                dataSource,
                // the condition again: a notification marked unread since it was found is kept
                "DELETE FROM notification WHERE " + kind.condition + " AND id = ANY(?) RETURNING id",
                List.<Object[]>of(cutOff, ids.toArray(String[]::new)),
                rows -> deleted[0]++);
        return deleted[0];
    }
}
