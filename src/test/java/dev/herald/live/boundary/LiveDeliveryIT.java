package dev.herald.live.boundary;

import static dev.herald.testing.Herald.json;
import static dev.herald.testing.LiveClient.seq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import dev.herald.testing.LiveClient;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Push after commit to every open socket of a user, read state in sync, resume without gaps. */
class LiveDeliveryIT {
    static final Duration DEADLINE = Duration.ofSeconds(15);
    static Herald herald;

    @BeforeAll
    static void start() throws Exception {
        herald = Herald.shared();
    }

    @Test
    void aStoredNotificationIsPushedToTheOpenSocket() throws Exception {
        String user = Events.newUser("live");
        LiveClient socket = herald.connectLive(user);
        socket.resume(0);
        assertThat(socket.await(f -> f.getString("type").equals("unread.count"), DEADLINE)
                        .getInt("count"))
                .isZero();

        herald.produce(user, Events.postLiked(Events.newId(), user, "Ana", "Live!"));

        JsonObject created = socket.await(f -> f.getString("type").equals("notification.created"), DEADLINE);
        assertThat(seq(created)).isEqualTo(1);
        assertThat(created.getJsonObject("notification").getString("title")).isEqualTo("Ana liked your post");
        assertThat(socket.await(f -> f.getString("type").equals("unread.count") && f.getInt("count") == 1, DEADLINE))
                .isNotNull();
        socket.close();
    }

    @Test
    void aClientThatNeverResumesStartsLiveFromTheNewestAfterTheResumeWait() throws Exception {
        String user = Events.newUser("noresume");
        LiveClient resumed = herald.connectLive(user);
        resumed.resume(0);
        resumed.await(f -> f.getString("type").equals("unread.count"), DEADLINE);
        herald.produce(user, Events.notice(Events.newId(), user, "before 1"));
        herald.produce(user, Events.notice(Events.newId(), user, "before 2"));
        resumed.awaitFrames("notification.created", 2, DEADLINE);

        // no resume: once the wait is over the server positions it at the newest and says how many are unread
        LiveClient silent = herald.connectLive(user);
        assertThat(silent.await(f -> f.getString("type").equals("unread.count"), DEADLINE)
                        .getInt("count"))
                .isEqualTo(2);
        herald.produce(user, Events.notice(Events.newId(), user, "after"));

        JsonObject created = silent.await(f -> f.getString("type").equals("notification.created"), DEADLINE);
        assertThat(seq(created)).isEqualTo(3);
        resumed.awaitFrames("notification.created", 3, DEADLINE);
        // nothing from before it was positioned, and the new one once
        assertThat(silent.frames("notification.created"))
                .extracting(LiveClient::seq)
                .containsExactly(3L);
        silent.close();
        resumed.close();
    }

    @Test
    void twoTabsOfOneUserStayInSyncOnReadAndReadAll() throws Exception {
        String user = Events.newUser("tabs");
        LiveClient first = herald.connectLive(user);
        LiveClient second = herald.connectLive(user);
        first.resume(0);
        second.resume(0);
        for (int i = 0; i < 3; i++) {
            herald.produce(user, Events.notice(Events.newId(), user, "F" + i));
        }
        List<JsonObject> created = first.awaitFrames("notification.created", 3, DEADLINE);
        second.awaitFrames("notification.created", 3, DEADLINE);
        String id = created.get(0).getJsonObject("notification").getString("id");

        first.send("{\"type\":\"read\",\"id\":\"" + id + "\"}");
        for (LiveClient tab : List.of(first, second)) {
            JsonObject updated = tab.await(f -> f.getString("type").equals("notification.updated"), DEADLINE);
            assertThat(updated.getJsonObject("notification").getString("id")).isEqualTo(id);
            assertThat(updated.getJsonObject("notification").getBoolean("read")).isTrue();
            tab.await(f -> f.getString("type").equals("unread.count") && f.getInt("count") == 2, DEADLINE);
        }

        assertThat(herald.post("/api/notifications/read-all", herald.token(user, "user"), null, "")
                        .statusCode())
                .isEqualTo(200);
        for (LiveClient tab : List.of(first, second)) {
            tab.await(f -> f.getString("type").equals("unread.count") && f.getInt("count") == 0, DEADLINE);
            assertThat(tab.awaitFrames("notification.updated", 3, DEADLINE)).hasSizeGreaterThanOrEqualTo(3);
        }
        first.close();
        second.close();
    }

    @Test
    void aClientThatMissedAHundredGetsExactlyThoseInOrderThenLiveFrames() throws Exception {
        String user = Events.newUser("resume");
        LiveClient before = herald.connectLive(user);
        before.resume(0);
        herald.produce(user, Events.notice(Events.newId(), user, "First"));
        long seen = seq(before.awaitFrames("notification.created", 1, DEADLINE).get(0));
        before.close();

        for (int i = 0; i < 100; i++) {
            herald.produce(user, Events.postLiked(Events.newId(), user, "Ana", "missed " + i));
        }
        herald.awaitInbox(user, 100);
        await().atMost(DEADLINE).until(() -> herald.storedCount(user) == 101);

        LiveClient after = herald.connectLive(user);
        after.resume(seen);
        List<JsonObject> caughtUp = after.awaitFrames("notification.created", 100, DEADLINE);
        herald.produce(user, Events.notice(Events.newId(), user, "Live again"));
        List<JsonObject> all = after.awaitFrames("notification.created", 101, DEADLINE);

        assertThat(caughtUp.stream().map(LiveClient::seq).toList().subList(0, 100))
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(2, 101).boxed().toList());
        assertThat(all.stream().map(LiveClient::seq))
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(2, 102).boxed().toList());
        assertThat(after.frames("gap")).isEmpty();
        after.close();
    }

    @Test
    void tooFarBehindGetsAGapAndRefetchesOverRest() throws Exception {
        String user = Events.newUser("gap");
        for (int i = 0; i < 160; i++) {
            herald.produce(user, Events.postLiked(Events.newId(), user, "Ana", "backlog " + i));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> herald.storedCount(user) == 160);

        LiveClient socket = herald.connectLive(user);
        socket.resume(0);
        JsonObject gap = socket.await(f -> f.getString("type").equals("gap"), DEADLINE);
        assertThat(gap.getJsonNumber("latestSeq").longValue()).isEqualTo(160);
        assertThat(socket.frames("notification.created")).isEmpty();

        JsonObject page = json(herald.get("/api/notifications?limit=1", herald.token(user, "user")));
        assertThat(page.getJsonArray("items").getJsonObject(0).getInt("seq")).isEqualTo(160);
        herald.produce(user, Events.notice(Events.newId(), user, "After the gap"));
        assertThat(seq(socket.awaitFrames("notification.created", 1, DEADLINE).get(0)))
                .isEqualTo(161);
        socket.close();
    }
}
