package dev.herald.live.boundary;

import static dev.herald.testing.LiveClient.seq;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import dev.herald.testing.LiveClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.DataInputStream;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two Herald instances on one Kafka and one PostgreSQL: what one stores reaches a socket held by the other. */
class ScaleOutIT {
    static final Duration DEADLINE = Duration.ofSeconds(20);
    static Herald first;
    static Herald second;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        first = Herald.shared();
        // B pings every 2 s (its idle timeout is three intervals): the sockets of the tests below live through several
        second = Herald.secondInstance("herald2", Map.of("HERALD_LIVE_PING_SECONDS", "2"));
    }

    @AfterAll
    static void stopSecond() throws Exception {
        second.stopServer();
    }

    @Test
    void aSocketOnInstanceBGetsWhatInstanceAStoredAndReadStateFromA() throws Exception {
        String user = Events.newUser("scaled");
        // the ticket comes from instance A and opens a socket on instance B: tickets live in PostgreSQL
        String ticket = first.ticket(first.token(user, "user"));
        LiveClient onB = LiveClient.connect(second.liveUri(ticket), second.origin());
        onB.resume(0);
        LiveClient onA = first.connectLive(user);
        onA.resume(0);

        assertThat(first.post(
                                "/api/events",
                                first.token("app", "publisher"),
                                "application/cloudevents+json",
                                Events.postLiked(Events.newId(), user, "Ana", "Across instances"))
                        .statusCode())
                .isEqualTo(202);

        JsonObject created =
                onB.awaitFrames("notification.created", 1, DEADLINE).get(0);
        assertThat(seq(created)).isEqualTo(1);
        onA.awaitFrames("notification.created", 1, DEADLINE);

        String id = created.getJsonObject("notification").getString("id");
        assertThat(first.post("/api/notifications/" + id + "/read", first.token(user, "user"), null, "")
                        .statusCode())
                .isEqualTo(200);
        onB.await(f -> f.getString("type").equals("unread.count") && f.getInt("count") == 0, DEADLINE);
        onB.await(
                f -> f.getString("type").equals("notification.updated")
                        && f.getJsonObject("notification").getBoolean("read"),
                DEADLINE);
        onA.close();
        onB.close();
    }

    /**
     * Each instance sends its own commits to its own sockets directly (the fast path) and everyone else's from
     * herald.deliveries: with events stored by both instances and one of them restarted in the middle, every socket
     * on either instance gets every notification once, in seq order, and a read on one instance reaches both.
     */
    @Test
    void everySocketOnEitherInstanceGetsEachNotificationOnceInOrderAcrossARestart() throws Exception {
        List<String> users =
                IntStream.range(0, 3).mapToObj(i -> Events.newUser("fast" + i)).toList();
        Map<String, LiveClient> onA = new HashMap<>();
        Map<String, List<LiveClient>> onB = new HashMap<>();
        for (String user : users) {
            onA.put(user, first.connectLive(user));
            onA.get(user).resume(0);
            onB.computeIfAbsent(user, k -> new ArrayList<>()).add(second.connectLive(user));
            onB.get(user).get(0).resume(0);
        }
        int round = 15;
        publishRound(users, round, "before");
        for (String user : users) {
            onA.get(user).awaitFrames("notification.created", round, DEADLINE);
            onB.get(user).get(0).awaitFrames("notification.created", round, DEADLINE);
        }

        second.stopServer();
        publishRound(users, round, "while B restarts");
        second.startServer();
        for (String user : users) {
            LiveClient before = onB.get(user).get(0);
            long last = seqs(List.of(before)).stream()
                    .mapToLong(Long::longValue)
                    .max()
                    .orElse(0);
            LiveClient again = second.connectLive(user);
            again.resume(last);
            onB.get(user).add(again);
        }
        publishRound(users, round, "after");

        List<Long> all = LongStream.rangeClosed(1, 3L * round).boxed().toList();
        for (String user : users) {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> seqs(List.of(onA.get(user))).size() >= all.size()
                            && seqs(onB.get(user)).size() >= all.size());
        }
        // and for a second more, nothing else: a frame sent by both paths would arrive now
        for (String user : users) {
            Awaitility.await()
                    .during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> seqs(List.of(onA.get(user))).size() == all.size()
                            && seqs(onB.get(user)).size() == all.size());
        }
        for (String user : users) {
            assertThat(seqs(List.of(onA.get(user))))
                    .as("socket on A of " + user)
                    .containsExactlyElementsOf(all);
            assertThat(seqs(onB.get(user))).as("sockets on B of " + user).containsExactlyElementsOf(all);
        }

        String user = users.get(0);
        List<LiveClient> clients = List.of(onB.get(user).get(1), onA.get(user));
        // the resume's answer was a count of 0 too, on a new socket
        List<Long> zerosBefore = clients.stream().map(ScaleOutIT::zeroCounts).toList();
        assertThat(second.post("/api/notifications/read-all", second.token(user, "user"), null, "")
                        .statusCode())
                .isEqualTo(200);
        // unsequenced frames have no seq to drop a second copy by: B (which committed the read) and A each get one
        // notification.updated per notification and one unread count of 0
        for (int i = 0; i < clients.size(); i++) {
            LiveClient client = clients.get(i);
            long before = zerosBefore.get(i);
            Awaitility.await().atMost(DEADLINE).until(() -> zeroCounts(client) > before);
            // and for a second more, no second count of 0
            Awaitility.await()
                    .during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> zeroCounts(client) == before + 1);
            assertThat(zeroCounts(client)).as(i == 0 ? "on B" : "on A").isEqualTo(before + 1);
            assertThat(client.frames("notification.updated").stream()
                            .map(f -> f.getJsonObject("notification").getString("id")))
                    .as(i == 0 ? "on B" : "on A")
                    .hasSize(all.size())
                    .doesNotHaveDuplicates();
        }
        onA.values().forEach(LiveClient::close);
        onB.values().forEach(sockets -> sockets.forEach(LiveClient::close));
    }

    /**
     * Each socket is pinged once per interval, the sockets spread over its seconds, and the pongs keep an idle socket
     * open past the idle timeout (three intervals).
     */
    @Test
    void idleSocketsArePingedEveryIntervalAndStayOpenPastTheIdleTimeout() throws Exception {
        List<LiveClient> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            LiveClient client = second.connectLive(Events.newUser("pinged" + i));
            client.resume(0);
            clients.add(client);
        }
        // 8 s: four intervals of 2 s, past the 6 s idle timeout
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> clients.stream()
                .allMatch(c -> c.pings() >= 4));
        assertThat(clients).noneMatch(LiveClient::isClosed);
        clients.forEach(LiveClient::close);
    }

    /**
     * A peer that is gone without closing (it never answers a ping) is closed by the server once it has been silent
     * for three ping intervals: a raw socket that completes the handshake and then only listens.
     */
    @Test
    void aPeerThatNeverAnswersPingsIsClosedAfterThreeIntervals() throws Exception {
        URI live = second.liveUri(second.ticket(second.token(Events.newUser("silent"), "user")));
        try (Socket raw = new Socket(live.getHost(), live.getPort())) {
            raw.setSoTimeout(30_000);
            String key = Base64.getEncoder()
                    .encodeToString(Events.newId().substring(0, 16).getBytes(UTF_8));
            raw.getOutputStream()
                    .write(("GET " + live.getRawPath() + "?" + live.getRawQuery() + " HTTP/1.1\r\n"
                                    + "Host: " + live.getHost() + ":" + live.getPort() + "\r\n"
                                    + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                                    + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                                    + "Origin: " + second.origin() + "\r\n\r\n")
                            .getBytes(UTF_8));
            DataInputStream in = new DataInputStream(raw.getInputStream());
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.readUnsignedByte());
            }
            assertThat(head.toString()).startsWith("HTTP/1.1 101");
            long opened = System.nanoTime();
            int pings = 0;
            int opcode;
            do {
                opcode = in.readUnsignedByte() & 0x0F;
                long length = in.readUnsignedByte() & 0x7F; // the server's frames are not masked
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                in.skipNBytes(length);
                pings += opcode == 0x9 ? 1 : 0;
            } while (opcode != 0x8);
            // pinged every 2 s, closed when nothing was heard for 6 s: at the third or fourth ping's turn
            assertThat(pings).isBetween(2, 4);
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThan(Duration.ofSeconds(5));
        }
    }

    /** {@code count} notices for each user, keyed by many actors so that both instances' intakes store some. */
    private static void publishRound(List<String> users, int count, String label) throws Exception {
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            for (String user : users) {
                records.add(Map.entry("actor-" + Events.newId(), Events.notice(Events.newId(), user, label + " " + i)));
            }
        }
        first.produceAll(records);
    }

    private static long zeroCounts(LiveClient client) {
        return client.frames("unread.count").stream()
                .filter(f -> f.getInt("count") == 0)
                .count();
    }

    /** The seqs of the notification.created frames the clients got, in the order they got them. */
    private static List<Long> seqs(List<LiveClient> clients) {
        return clients.stream()
                .flatMap(client -> client.frames("notification.created").stream())
                .map(LiveClient::seq)
                .toList();
    }

    @Test
    void twoInstancesGatheringOneUsersLikesAtOnceMakeOneAggregateWithTheRightCount() throws Exception {
        String user = Events.newUser("gathered");
        Instant start = Instant.now();
        // keyed by actor, not by user: the likes spread over all partitions, so both instances consume them at once
        int actors = 40;
        for (int i = 0; i < actors; i++) {
            first.produce("actor-" + i, Events.like(Events.newId(), user, "A" + i, "post-x", start.plusMillis(i)));
            // every fourth actor likes twice: counted once
            if (i % 4 == 0) {
                first.produce("again-" + i, Events.like(Events.newId(), user, "A" + i, "post-x", start.plusMillis(i)));
            }
        }
        String token = first.token(user, "user");
        JsonArray items = org.awaitility.Awaitility.await()
                .atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> Herald.json(first.get("/api/notifications?limit=100", token))
                                .getJsonArray("items"),
                        list -> !list.isEmpty() && list.getJsonObject(0).getInt("eventCount") >= actors + actors / 4);
        assertThat(items).hasSize(1);
        assertThat(items.getJsonObject(0).getInt("eventCount")).isEqualTo(actors + actors / 4);
        assertThat(items.getJsonObject(0).getInt("actorCount")).isEqualTo(actors);
        assertThat(items.getJsonObject(0).getString("title")).endsWith("and 37 others liked your post");
        assertThat(first.storedCount(user)).isEqualTo(1);
    }

    @Test
    void aSnoozeEndingWhileTwoInstancesRunComesBackOnce() throws Exception {
        String user = Events.newUser("snoozed");
        String token = first.token(user, "user");
        for (int i = 0; i < 12; i++) {
            first.produce(user, Events.notice(Events.newId(), user, "Snoozed " + i));
        }
        JsonArray items = first.awaitInbox(user, 12);
        Instant now = first.advanceClock(Duration.ZERO);
        for (int i = 0; i < items.size(); i++) {
            String id = items.getJsonObject(i).getString("id");
            assertThat(first.post(
                                    "/api/notifications/" + id + "/snooze",
                                    token,
                                    "application/json",
                                    "{\"until\":\"" + now.plus(Duration.ofMinutes(10)) + "\"}")
                            .statusCode())
                    .isEqualTo(200);
        }
        LiveClient onA = first.connectLive(user);
        onA.resume(12);
        String ticket = first.ticket(token);
        LiveClient onB = LiveClient.connect(second.liveUri(ticket), second.origin());
        onB.resume(12);

        // both instances' clocks pass the end of the snoozes: both look for due snoozes, each notification wakes once
        second.advanceClock(Duration.ofMinutes(10).plusSeconds(1));
        first.advanceClock(Duration.ofMinutes(10).plusSeconds(1));
        var returned = onA.awaitFrames("notification.updated", 12, DEADLINE);
        onB.awaitFrames("notification.updated", 12, DEADLINE);
        assertThat(returned.stream().map(LiveClient::seq).toList())
                .containsExactlyElementsOf(
                        java.util.stream.LongStream.rangeClosed(13, 24).boxed().toList());
        org.awaitility.Awaitility.await()
                .during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> onA.frames("notification.updated").size() == 12
                        && onB.frames("notification.updated").size() == 12);
        JsonArray back = first.awaitInbox(user, 12);
        assertThat(back.getJsonObject(0).getJsonNumber("seq").longValue()).isEqualTo(24);
        assertThat(Herald.json(first.get("/api/notifications/unread-count", token))
                        .getInt("count"))
                .isEqualTo(12);
        onA.close();
        onB.close();
    }
}
