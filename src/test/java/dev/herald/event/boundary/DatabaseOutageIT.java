package dev.herald.event.boundary;

import static dev.herald.testing.Herald.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import dev.herald.testing.LiveClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A database outage is not a poison record: while PostgreSQL refuses Herald, nothing is acknowledged or parked, and
 * the held events are stored once it is back. The outage is real: Herald's connections are terminated and its
 * database refuses new ones.
 */
class DatabaseOutageIT {
    static Herald herald;

    @BeforeAll
    static void start() throws Exception {
        herald = Herald.shared();
    }

    @Test
    void eventsHeldDuringAnOutageAreStoredAfterIt() throws Exception {
        String user = Events.newUser("outage");
        String marker = "outage-" + UUID.randomUUID();
        outage(true);
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> herald.get("/health/ready", null).statusCode(), status -> status == 503);
            for (int i = 0; i < 10; i++) {
                herald.produce(user, Events.postLiked(marker + "-" + i, user, "Ana", "during outage " + i));
            }
            // the intake worker meets the outage and holds the batch: readiness stays down meanwhile, and once
            // the batch is in hand longer than the stall limit (10 s in the tests) the intake consumer says so
            var stalled = await().atMost(Duration.ofSeconds(40))
                    .until(
                            () -> herald.get("/health/ready", null),
                            r -> r.statusCode() == 503 && r.body().contains("in hand for"));
            assertThat(stalled.body()).contains("kafka-consumer-intake").contains("PostgreSQL does not answer");
        } finally {
            outage(false);
        }

        var items = herald.awaitInbox(user, 10);
        assertThat(items).hasSize(10);
        assertThat(herald.parkedCount(marker)).isZero();
        assertThat(json(herald.get("/health/ready", null)).getString("status")).isEqualTo("UP");
    }

    /**
     * A socket whose resume cannot read the inbox is told so: an error frame, then a 1011 close, so its client
     * reconnects and resumes once the database is back, instead of waiting for frames that never come.
     */
    @Test
    void aResumeThatCannotReadTheInboxEndsWithAnErrorFrameAnd1011() throws Exception {
        String user = Events.newUser("outage-live");
        LiveClient live = herald.connectLive(user);
        try {
            live.awaitFrames("unread.count", 1, Duration.ofSeconds(10));
            outage(true);
            try {
                live.resume(0);
                LiveClient.Closed closed = live.awaitClose(Duration.ofSeconds(90));
                assertThat(closed.code()).isEqualTo(1011);
                assertThat(live.frames("error")).isNotEmpty();
            } finally {
                outage(false);
            }
        } finally {
            live.close();
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> herald.get("/health/ready", null).statusCode(), status -> status == 200);
        LiveClient again = herald.connectLive(user);
        try {
            again.resume(0);
            assertThat(again.awaitFrames("unread.count", 1, Duration.ofSeconds(10)))
                    .isNotEmpty();
        } finally {
            again.close();
        }
    }

    /** Turns the outage on or off from the maintenance database, which stays reachable to the test. */
    static void outage(boolean on) throws Exception {
        String url = herald.databaseUrl();
        String maintenance = url.substring(0, url.lastIndexOf('/') + 1) + "template1";
        try (Connection admin = DriverManager.getConnection(maintenance, "postgres", "postgres");
                Statement sql = admin.createStatement()) {
            if (on) {
                sql.execute("ALTER DATABASE postgres ALLOW_CONNECTIONS false");
                sql.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE datname = 'postgres' AND pid <> pg_backend_pid()");
            } else {
                sql.execute("ALTER DATABASE postgres ALLOW_CONNECTIONS true");
            }
        }
    }
}
