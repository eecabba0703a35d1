package dev.herald.inbox.control;

import dev.herald.platform.control.ArrayQuery;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Each user's {@code user_sequence} row: the numbers handed out so far and the unread count, locked per batch. */
final class UserSequences {
    private UserSequences() {}

    /** A user's row of {@code user_sequence} once this transaction reserved its numbers. */
    record Sequence(long lastSeq, long unreadBefore) {}

    /**
     * Reserves each user's next numbers in one statement (zero only locks the row); answers each user's last number
     * and unread count (kept by the database's triggers on {@code notification}). The rows are upserted in the map's
     * sorted order, which is the order their locks are taken; they stay locked until commit.
     */
    static Map<String, Sequence> reserve(DataSource dataSource, Map<String, Long> counts) {
        Map<String, Sequence> sequences = new HashMap<>();
        ArrayQuery.run(
                dataSource,
                "INSERT INTO user_sequence (recipient, last_seq) SELECT * FROM unnest(?::varchar[], ?::bigint[])"
                        + " ON CONFLICT (recipient) DO UPDATE SET last_seq = user_sequence.last_seq + EXCLUDED.last_seq"
                        + " RETURNING recipient, last_seq, unread",
                List.of(counts.keySet().toArray(String[]::new), counts.values().toArray(Long[]::new)),
                rows -> sequences.put(rows.getString(1), new Sequence(rows.getLong(2), rows.getLong(3))));
        return sequences;
    }

    /** Moves each user's last number on by what this transaction handed out (their rows are already locked). */
    static void advance(DataSource dataSource, Map<String, Long> counts) {
        ArrayQuery.run(
                dataSource,
                "UPDATE user_sequence s SET last_seq = s.last_seq + d.n"
                        + " FROM unnest(?::varchar[], ?::bigint[]) AS d(recipient, n) WHERE s.recipient = d.recipient",
                List.of(counts.keySet().toArray(String[]::new), counts.values().toArray(Long[]::new)),
                null);
    }
}
