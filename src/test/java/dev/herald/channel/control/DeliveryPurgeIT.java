package dev.herald.channel.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.ArquillianServer;
import dev.herald.testing.HeraldArchive;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inside Liberty (Arquillian): delivery retention deletes settled deliveries older than the cut-off with their attempts
 * and resolved dead letters, in batches, and keeps what is still in flight, recent, or an open dead letter.
 */
@ExtendWith({ArquillianServer.class, ArquillianExtension.class})
class DeliveryPurgeIT {

    @Deployment
    static WebArchive deployment() throws Exception {
        return HeraldArchive.with("herald-purge-it.war", DeliveryPurgeIT.class);
    }

    @Inject
    DeliveryPurge purge;

    @Resource(lookup = "jdbc/herald-direct")
    DataSource db;

    @Test
    void settledOldDeliveriesGoWithTheirAttemptsAndTheRestStays() throws Exception {
        String user = "purge-" + UUID.randomUUID();
        Instant now = Instant.now();
        Instant old = now.minus(Duration.ofDays(31));
        List<String> gone = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            for (String status : List.of("sent", "delivered", "skipped", "dead")) {
                for (int i = 0; i < 3; i++) {
                    gone.add(insert(c, user, status, old));
                }
            }
            // a dead letter replayed or discarded goes too; an open one stays with its delivery
            String resolved = gone.get(gone.size() - 1);
            letter(c, resolved, user, "discarded");
            String open = insert(c, user, "dead", old);
            letter(c, open, user, null);
            String recent = insert(c, user, "delivered", now);
            String inFlight = insert(c, user, "failed", old);
            for (String id : gone) {
                attempt(c, id);
            }

            int first = purge.batch(now.minus(Duration.ofDays(30)), 5);
            int rest = 0;
            for (int n; (n = purge.batch(now.minus(Duration.ofDays(30)), 5)) > 0; ) {
                rest += n;
            }
            assertThat(first).isEqualTo(5);
            assertThat(first + rest).isEqualTo(gone.size());
            assertThat(ids(c, "SELECT id FROM delivery WHERE recipient = ?", user))
                    .containsExactlyInAnyOrder(open, recent, inFlight);
            for (String id : gone) {
                assertThat(ids(c, "SELECT delivery_id FROM delivery_attempt WHERE delivery_id = ?", id))
                        .isEmpty();
            }
            assertThat(ids(c, "SELECT delivery_id FROM dead_letter WHERE recipient = ?", user))
                    .containsExactly(open);
        }
    }

    private static String insert(Connection c, String user, String status, Instant at) throws Exception {
        String id = UUID.randomUUID().toString();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO delivery (id, notification_id, recipient,"
                + " channel, status, created_at, updated_at) VALUES (?, ?, ?, 'email', ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, "n-" + id);
            insert.setString(3, user);
            insert.setString(4, status);
            insert.setTimestamp(5, Timestamp.from(at));
            insert.setTimestamp(6, Timestamp.from(at));
            insert.executeUpdate();
        }
        return id;
    }

    private static void attempt(Connection c, String id) throws Exception {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO delivery_attempt (delivery_id, attempt, started_at) VALUES (?, 1, now())")) {
            insert.setString(1, id);
            insert.executeUpdate();
        }
    }

    private static void letter(Connection c, String id, String user, String resolution) throws Exception {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO dead_letter (delivery_id, channel, recipient,"
                + " error, dead_at, resolution) VALUES (?, 'email', ?, 'test', now(), ?)")) {
            insert.setString(1, id);
            insert.setString(2, user);
            insert.setString(3, resolution);
            insert.executeUpdate();
        }
    }

    private static List<String> ids(Connection c, String sql, String... parameters) throws Exception {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }
}
