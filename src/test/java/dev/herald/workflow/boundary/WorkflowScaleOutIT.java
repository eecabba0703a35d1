package dev.herald.workflow.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.testing.ChannelPeers;
import dev.herald.testing.ClosedAfterAll;
import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Workflow steps on two instances, one of them killed (SIGKILL) while the steps are pending and again while they are
 * being released: every delayed email is released once and sent, with the delivery id as its Message-ID; a send the
 * kill interrupted may be repeated only with that same id (the receiver can tell), and nothing stays delayed.
 */
class WorkflowScaleOutIT {
    private static final int USERS = 30;

    @RegisterExtension
    static final ClosedAfterAll own = new ClosedAfterAll();

    private static Herald first;
    private static Herald second;
    private static ChannelPeers peers;

    @BeforeAll
    static void start() throws Exception {
        first = Herald.shared();
        peers = ChannelPeers.shared();
        second = own.add(Herald.secondInstance("herald-workflow"));
        // one time for both: a step planned by either instance is due on both clocks at once
        alignClocks();
    }

    /** The first instance's clock followed the second's ahead: set it back for the suites after this one. */
    @AfterAll
    static void resetClock() throws Exception {
        first.resetClock();
    }

    private static void alignClocks() throws Exception {
        Instant a = first.advanceClock(Duration.ZERO);
        Instant b = second.advanceClock(Duration.ZERO);
        (a.isAfter(b) ? second : first).advanceClock(Duration.between(a.isAfter(b) ? b : a, a.isAfter(b) ? a : b));
    }

    /** Moves both instances' clocks to just past {@code due}. */
    private static void bothPast(Instant due) throws Exception {
        for (Herald h : List.of(first, second)) {
            Duration ahead =
                    Duration.between(h.advanceClock(Duration.ZERO), due).plusSeconds(1);
            if (!ahead.isNegative()) {
                h.advanceClock(ahead);
            }
        }
    }

    /** The email deliveries of these users' notifications: id -> status, and the latest due time among them. */
    private static Map<String, String> emails(List<String> users, Instant[] latestDue) throws Exception {
        Map<String, String> statuses = new HashMap<>();
        try (Connection db = first.database();
                PreparedStatement query = db.prepareStatement("SELECT id, status, due_at FROM delivery"
                        + " WHERE channel = 'email' AND recipient = ANY(?)")) {
            query.setArray(1, db.createArrayOf("varchar", users.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    statuses.put(rows.getString(1), rows.getString(2));
                    Timestamp due = rows.getTimestamp(3);
                    if (latestDue != null
                            && due != null
                            && (latestDue[0] == null || due.toInstant().isAfter(latestDue[0]))) {
                        latestDue[0] = due.toInstant();
                    }
                }
            }
        }
        return statuses;
    }

    private static List<String> messageIds(Set<String> addresses) throws Exception {
        List<String> ids = new ArrayList<>();
        for (MimeMessage m : peers.smtp().getReceivedMessages()) {
            if (addresses.contains(m.getAllRecipients()[0].toString())) {
                ids.add(m.getMessageID().replaceAll("^<|@.*$", ""));
            }
        }
        return ids;
    }

    @Test
    void everyPendingStepRunsOnceThroughAKillAndTwoInstances() throws Exception {
        List<String> users = new ArrayList<>();
        Set<String> addresses = new java.util.HashSet<>();
        for (int i = 0; i < USERS; i++) {
            String user = Events.newUser("scaled");
            String token = first.token(user, "user");
            assertThat(first.put("/api/me/contacts", token, "{\"email\":\"" + user + "@example.test\"}")
                            .statusCode())
                    .isEqualTo(200);
            users.add(user);
            addresses.add(user + "@example.test");
        }
        for (String user : users) {
            first.produce(user, Events.reply(Events.newId(), user, "Ana", "One"));
            first.produce(user, Events.commentLiked(Events.newId(), user, "Ben", "c-" + user));
            first.produce(user, Events.commentLiked(Events.newId(), user, "Cy", "c-" + user));
        }
        // each user: one delayed reply email and one batched like email (two likes, one aggregate)
        Instant[] due = {null};
        await().atMost(Duration.ofSeconds(60))
                .until(() -> emails(users, null).values().stream()
                                .filter("delayed"::equals)
                                .count()
                        == 2L * USERS);

        // killed while every step is pending
        first.killServer();
        first.startServer();
        alignClocks();
        Map<String, String> pending = emails(users, due);
        assertThat(pending).hasSize(2 * USERS).allSatisfy((id, status) -> assertThat(status)
                .isEqualTo("delayed"));

        // released on both, and the first killed again while it may be releasing and sending
        bothPast(due[0]);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !messageIds(addresses).isEmpty());
        first.killServer();
        first.startServer();
        alignClocks();
        // a send the kill interrupted is taken again once its lease (10 s here) ran out on the clock that took it
        bothPast(first.advanceClock(Duration.ZERO).plusSeconds(15));

        Map<String, String> settled = await().atMost(Duration.ofSeconds(90))
                .until(
                        () -> emails(users, null),
                        m -> m.size() == 2 * USERS && m.values().stream().allMatch("delivered"::equals));
        List<String> ids = await().atMost(Duration.ofSeconds(30))
                .until(() -> messageIds(addresses), list -> Set.copyOf(list).equals(settled.keySet()));
        Map<String, Long> perDelivery = ids.stream().collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        List<String> repeated = perDelivery.entrySet().stream()
                .filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey)
                .toList();
        // a repeat is only a send the kill cut off, sent again under the same Message-ID (its delivery has 2 attempts)
        try (Connection db = first.database();
                PreparedStatement query =
                        db.prepareStatement("SELECT count(*) FROM delivery_attempt WHERE delivery_id = ?")) {
            for (String id : repeated) {
                query.setString(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    assertThat(rows.getInt(1)).as("attempts of repeated " + id).isGreaterThan(1);
                }
            }
        }
        System.out.println("workflow scale-out: " + settled.size() + " emails delivered once each, " + repeated.size()
                + " sent again after the kill under the same Message-ID");
    }
}
