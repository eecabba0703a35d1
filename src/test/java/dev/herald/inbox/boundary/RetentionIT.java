package dev.herald.inbox.boundary;

import static dev.herald.testing.Herald.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Retention on the real stack: a purge of notifications past their time runs while events keep arriving for the same
 * users; it deletes exactly what is past retention (read over 90 days ago, or created over 365 days ago), keeps the
 * rest, loses no arriving event, and every user's unread counter still matches their rows.
 */
class RetentionIT {
    private static final int USERS = 10;
    private static final int OLD_READ_PER_USER = 1_500;
    private static final int ANCIENT_UNREAD_PER_USER = 500;

    @Test
    void aPurgeDuringLoadDeletesExactlyWhatIsPastRetention() throws Exception {
        Herald herald = Herald.shared();
        String publisher = herald.token("retention-app", "publisher");
        List<String> users = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            String user = Events.newUser("retained");
            users.add(user);
            herald.produce(user, Events.notice(Events.newId(), user, "Recent"));
        }
        for (String user : users) {
            herald.awaitInbox(user, 1);
        }
        try (Connection db = herald.database()) {
            for (String user : users) {
                seed(db, user, OLD_READ_PER_USER, "now() - interval '120 days'", "now() - interval '100 days'");
                seed(db, user, ANCIENT_UNREAD_PER_USER, "now() - interval '400 days'", null);
                seed(db, user, 3, "now() - interval '200 days'", null); // unread, within a year: kept
                seed(db, user, 2, "now() - interval '200 days'", "now() - interval '10 days'"); // read lately: kept
                // read long ago but snoozed: kept until it is back
                seed(db, user, 1, "now() - interval '120 days'", "now() - interval '100 days'");
                try (PreparedStatement snooze = db.prepareStatement("UPDATE notification SET title = 'kept',"
                        + " snoozed_until = now() + interval '1 day' WHERE id = (SELECT id FROM notification"
                        + " WHERE recipient = ? AND read_at < now() - interval '90 days' LIMIT 1)")) {
                    snooze.setString(1, user);
                    assertThat(snooze.executeUpdate()).isEqualTo(1);
                }
            }
        }

        AtomicBoolean purging = new AtomicBoolean(true);
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService load = Executors.newFixedThreadPool(2);
        List<Future<?>> loaders = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int thread = t;
            loaders.add(load.submit(() -> {
                int i = 0;
                while (purging.get() || i < 20) {
                    String user = users.get((thread + 2 * i) % USERS);
                    var answer = herald.post(
                            "/api/events",
                            publisher,
                            "application/cloudevents+json",
                            Events.notice(Events.newId(), user, "During purge " + i));
                    // the whole answer if it is not a 202: Payara once answered one of these with a 404
                    assertThat(answer.statusCode())
                            .as("%s %s %s", answer.version(), answer.headers().map(), answer.body())
                            .isEqualTo(202);
                    accepted.incrementAndGet();
                    i++;
                }
                return null;
            }));
        }
        JsonObject purged = json(herald.post("/api/admin/retention/run", herald.token("operator", "admin"), null, ""));
        purging.set(false);
        for (Future<?> loader : loaders) {
            loader.get();
        }
        load.shutdown();

        assertThat(purged.getBoolean("skipped")).isFalse();
        assertThat(purged.getJsonNumber("read").longValue()).isGreaterThanOrEqualTo((long) USERS * OLD_READ_PER_USER);
        assertThat(purged.getJsonNumber("old").longValue())
                .isGreaterThanOrEqualTo((long) USERS * ANCIENT_UNREAD_PER_USER);
        // every user: the recent notification, the 6 kept old ones, and every event posted during the purge
        int expectedTotal = USERS * (1 + 3 + 2 + 1) + accepted.get();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> users.stream()
                                .mapToInt(user -> storedCount(herald, user))
                                .sum()
                        == expectedTotal);
        try (Connection db = herald.database()) {
            for (String user : users) {
                assertThat(count(
                                db,
                                "SELECT count(*) FROM notification WHERE recipient = ? AND created_at < now()"
                                        + " - interval '365 days'",
                                user))
                        .isZero();
                assertThat(count(
                                db,
                                "SELECT count(*) FROM notification WHERE recipient = ? AND read_at < now()"
                                        + " - interval '90 days' AND snoozed_until IS NULL",
                                user))
                        .isZero();
                assertThat(count(db, "SELECT count(*) FROM notification WHERE recipient = ? AND title = 'kept'", user))
                        .isEqualTo(6);
                long unreadRows = count(
                        db,
                        "SELECT count(*) FROM notification WHERE recipient = ? AND read_at IS NULL"
                                + " AND archived_at IS NULL AND snoozed_until IS NULL",
                        user);
                assertThat(json(herald.get("/api/notifications/unread-count", herald.token(user, "user")))
                                .getJsonNumber("count")
                                .longValue())
                        .as(user)
                        .isEqualTo(unreadRows);
            }
        }
    }

    private static int storedCount(Herald herald, String user) {
        try {
            return herald.storedCount(user);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Inserts {@code n} notifications created (and maybe read) long ago, numbered after the user's last seq. */
    private static void seed(Connection db, String user, int n, String createdAt, String readAt) throws Exception {
        String title = readAt == null && createdAt.contains("400") || readAt != null && readAt.contains("100")
                ? "past retention"
                : "kept";
        try (PreparedStatement insert =
                db.prepareStatement("WITH s AS (UPDATE user_sequence SET last_seq = last_seq + ? WHERE recipient = ?"
                        + " RETURNING last_seq)"
                        + " INSERT INTO notification (id, recipient, seq, source, event_id, type, category,"
                        + " title, body, data, actors, created_at, updated_at, seen_at, read_at)"
                        + " SELECT gen_random_uuid()::text, ?, s.last_seq - ? + g, 'seed', gen_random_uuid()::text,"
                        + " 'notification.created', 'general', ?, '', '{}'::jsonb, '[]'::jsonb, "
                        + createdAt + ", " + createdAt + ", " + (readAt == null ? "NULL" : readAt) + ", "
                        + (readAt == null ? "NULL" : readAt) + " FROM s, generate_series(1, ?) g")) {
            insert.setInt(1, n);
            insert.setString(2, user);
            insert.setString(3, user);
            insert.setInt(4, n);
            insert.setString(5, title);
            insert.setInt(6, n);
            insert.executeUpdate();
        }
    }

    private static long count(Connection db, String sql, String user) throws Exception {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, user);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
