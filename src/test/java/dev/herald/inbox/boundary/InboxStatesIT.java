package dev.herald.inbox.boundary;

import static dev.herald.testing.Herald.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import dev.herald.testing.LiveClient;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every state of a notification over REST on the real stack: each change reaches every session of the user, doing it
 * twice pushes nothing, filters and badges follow, and a snooze ends (with the clock moved, not waited for).
 */
class InboxStatesIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    static Herald herald;

    @BeforeAll
    static void start() throws Exception {
        herald = Herald.shared();
    }

    private static List<String> fill(String user, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            herald.produce(user, Events.notice(Events.newId(), user, "N" + i));
        }
        JsonArray items = herald.awaitInbox(user, count);
        return items.stream().map(v -> v.asJsonObject().getString("id")).toList();
    }

    private static JsonObject post(String path, String token) throws Exception {
        HttpResponse<String> response = herald.post(path, token, null, "");
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return json(response);
    }

    private static List<String> ids(String query, String token) throws Exception {
        return json(herald.get("/api/notifications?limit=100" + query, token)).getJsonArray("items").stream()
                .map(v -> v.asJsonObject().getString("id"))
                .toList();
    }

    @Test
    void everyChangeReachesEverySessionOnceAndTwiceChangesNothing() throws Exception {
        String user = Events.newUser("states");
        String token = herald.token(user, "user");
        String id = fill(user, 1).get(0);
        LiveClient tab1 = herald.connectLive(user);
        LiveClient tab2 = herald.connectLive(user);
        tab1.resume(1);
        tab2.resume(1);

        List<String> actions = List.of("seen", "read", "unread", "archive", "unarchive");
        int expected = 0;
        for (String action : actions) {
            JsonObject changed = post("/api/notifications/" + id + "/" + action, token);
            expected++;
            for (LiveClient tab : List.of(tab1, tab2)) {
                List<JsonObject> updates = tab.awaitFrames("notification.updated", expected, DEADLINE);
                JsonObject frame = updates.get(expected - 1).getJsonObject("notification");
                assertThat(frame.getString("id")).isEqualTo(id);
                assertThat(frame.getString("updatedAt")).isEqualTo(changed.getString("updatedAt"));
            }
            // the same again: 200, same state, nothing pushed
            JsonObject again = post("/api/notifications/" + id + "/" + action, token);
            assertThat(again.getString("updatedAt")).isEqualTo(changed.getString("updatedAt"));
        }
        // snooze and unsnooze keep the seq: unsequenced updates, the first carrying the snooze's end
        String until =
                herald.advanceClock(Duration.ZERO).plus(Duration.ofDays(1)).toString();
        String snoozeBody = "{\"until\":\"" + until + "\"}";
        assertThat(herald.post("/api/notifications/" + id + "/snooze", token, "application/json", snoozeBody)
                        .statusCode())
                .isEqualTo(200);
        post("/api/notifications/" + id + "/unsnooze", token);
        for (LiveClient tab : List.of(tab1, tab2)) {
            List<JsonObject> updates = tab.awaitFrames("notification.updated", expected + 2, DEADLINE);
            assertThat(updates.get(expected).getJsonObject("notification").getString("snoozedUntil"))
                    .isEqualTo(until);
            assertThat(updates.get(expected + 1).getJsonObject("notification").get("snoozedUntil"))
                    .isEqualTo(JsonValue.NULL);
            assertThat(LiveClient.seq(updates.get(expected + 1))).isEqualTo(1);
        }
        post("/api/notifications/" + id + "/unsnooze", token);
        JsonObject state = json(herald.get("/api/notifications/" + id, token));
        assertThat(state.getBoolean("read")).isFalse();
        assertThat(state.getBoolean("seen")).isTrue();
        assertThat(state.get("archivedAt")).isEqualTo(JsonValue.NULL);

        assertThat(herald.delete("/api/notifications/" + id, token).statusCode())
                .isEqualTo(204);
        tab1.awaitFrames("notification.deleted", 1, DEADLINE);
        tab2.awaitFrames("notification.deleted", 1, DEADLINE);
        assertThat(herald.delete("/api/notifications/" + id, token).statusCode())
                .isEqualTo(404);

        // a marker after all of it: had a repeated change pushed anything, it would have arrived before this
        post("/api/notifications/read-all", token);
        String marker = fill(user, 1).get(0);
        tab1.await(
                f -> f.getString("type").equals("notification.created")
                        && f.getJsonObject("notification").getString("id").equals(marker),
                DEADLINE);
        assertThat(tab1.frames("notification.updated")).hasSize(actions.size() + 2);
        assertThat(tab1.frames("notification.deleted")).hasSize(1);
        tab1.close();
        tab2.close();
    }

    @Test
    void filtersSelectByReadSeenArchivedSnoozedCategoryAndType() throws Exception {
        String user = Events.newUser("filters");
        String token = herald.token(user, "user");
        List<String> ids = fill(user, 5); // newest first
        herald.produce(user, Events.postLiked(Events.newId(), user, "Ana", "Filtered"));
        String like = herald.awaitInbox(user, 6).getJsonObject(0).getString("id");
        post("/api/notifications/" + ids.get(0) + "/read", token);
        post("/api/notifications/" + ids.get(1) + "/seen", token);
        post("/api/notifications/" + ids.get(2) + "/archive", token);
        String until = Instant.now().plus(Duration.ofDays(2)).toString();
        assertThat(herald.post(
                                "/api/notifications/" + ids.get(3) + "/snooze",
                                token,
                                "application/json",
                                "{\"until\":\"" + until + "\"}")
                        .statusCode())
                .isEqualTo(200);

        assertThat(ids("", token)).containsExactly(like, ids.get(0), ids.get(1), ids.get(4));
        assertThat(ids("&read=true", token)).containsExactly(ids.get(0));
        assertThat(ids("&read=false", token)).containsExactly(like, ids.get(1), ids.get(4));
        assertThat(ids("&unread=true", token)).containsExactly(like, ids.get(1), ids.get(4));
        assertThat(ids("&unread=false", token)).containsExactly(ids.get(0));
        HttpResponse<String> contradiction = herald.get("/api/notifications?read=true&unread=true", token);
        assertThat(contradiction.statusCode()).isEqualTo(400);
        assertThat(json(contradiction).getJsonArray("errors").getJsonObject(0).getString("parameter"))
                .isEqualTo("unread");
        assertThat(ids("&seen=false", token)).containsExactly(like, ids.get(4));
        assertThat(ids("&archived=true", token)).containsExactly(ids.get(2));
        assertThat(ids("&snoozed=true", token)).containsExactly(ids.get(3));
        assertThat(ids("&type=post.liked", token)).containsExactly(like);
        assertThat(ids("&category=social", token)).containsExactly(like);
        assertThat(ids("&category=social&read=true", token)).isEmpty();

        JsonObject counts = json(herald.get("/api/notifications/counts", token));
        assertThat(counts.getInt("unread")).isEqualTo(3);
        assertThat(counts.getInt("unseen")).isEqualTo(2);
        JsonObject social = counts.getJsonObject("categories").getJsonObject("social");
        assertThat(social.getInt("unread")).isEqualTo(1);
        assertThat(social.getInt("unseen")).isEqualTo(1);
        int others = counts.getJsonObject("categories").entrySet().stream()
                .filter(e -> !e.getKey().equals("social"))
                .mapToInt(e -> e.getValue().asJsonObject().getInt("unread"))
                .sum();
        assertThat(others).isEqualTo(2);
        assertThat(json(herald.get("/api/notifications/unread-count", token)).getInt("count"))
                .isEqualTo(3);
    }

    @Test
    void readAllAndSeenAllCanBeLimitedToACategoryAndUpToASeq() throws Exception {
        String user = Events.newUser("all");
        String token = herald.token(user, "user");
        fill(user, 4); // seqs 1..4, category of notification.created
        herald.produce(user, Events.postLiked(Events.newId(), user, "Ana", "Social one"));
        herald.awaitInbox(user, 5); // seq 5, social

        assertThat(post("/api/notifications/seen-all?upToSeq=2", token).getInt("marked"))
                .isEqualTo(2);
        assertThat(json(herald.get("/api/notifications/counts", token)).getInt("unseen"))
                .isEqualTo(3);
        assertThat(post("/api/notifications/read-all?category=social", token).getInt("marked"))
                .isEqualTo(1);
        assertThat(json(herald.get("/api/notifications/unread-count", token)).getInt("count"))
                .isEqualTo(4);
        assertThat(post("/api/notifications/read-all?upToSeq=3", token).getInt("marked"))
                .isEqualTo(3);
        assertThat(post("/api/notifications/read-all?upToSeq=3", token).getInt("marked"))
                .isZero();
        assertThat(post("/api/notifications/read-all", token).getInt("marked")).isEqualTo(1);
        assertThat(json(herald.get("/api/notifications/counts", token)).getInt("unread"))
                .isZero();
    }

    @Test
    void bulkChangesTheUsersOwnAndNamesTheRest() throws Exception {
        String user = Events.newUser("bulk");
        String token = herald.token(user, "user");
        List<String> ids = fill(user, 3);
        String stranger = Events.newUser("stranger");
        String theirs = fill(stranger, 1).get(0);
        LiveClient tab = herald.connectLive(user);
        tab.resume(3);
        String body = "{\"action\":\"read\",\"ids\":[\"" + ids.get(0) + "\",\"" + ids.get(1) + "\",\"" + theirs
                + "\",\"no-such-id\"]}";
        JsonObject result = json(herald.post("/api/notifications/bulk", token, "application/json", body));
        assertThat(result.getInt("changed")).isEqualTo(2);
        assertThat(tab.awaitFrames("notification.updated", 2, DEADLINE).stream()
                        .map(f -> f.getJsonObject("notification").getString("id"))
                        .toList())
                .containsExactlyInAnyOrder(ids.get(0), ids.get(1));
        tab.await(f -> f.getString("type").equals("unread.count") && f.getInt("count") == 1, DEADLINE);
        tab.close();
        assertThat(result.getJsonArray("notFound").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly(theirs, "no-such-id");
        assertThat(json(herald.post("/api/notifications/bulk", token, "application/json", body))
                        .getInt("changed"))
                .isZero();
        assertThat(json(herald.get("/api/notifications/" + theirs, herald.token(stranger, "user")))
                        .getBoolean("read"))
                .isFalse();

        String snooze = "{\"action\":\"snooze\",\"ids\":[\"" + ids.get(2) + "\"],\"until\":\""
                + Instant.now().plus(Duration.ofHours(3)) + "\"}";
        assertThat(json(herald.post("/api/notifications/bulk", token, "application/json", snooze))
                        .getInt("changed"))
                .isEqualTo(1);
        String delete = "{\"action\":\"delete\",\"ids\":[\"" + ids.get(0) + "\",\"" + theirs + "\"]}";
        JsonObject deleted = json(herald.post("/api/notifications/bulk", token, "application/json", delete));
        assertThat(deleted.getInt("changed")).isEqualTo(1);
        assertThat(herald.get("/api/notifications/" + theirs, herald.token(stranger, "user"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(ids("&archived=true", token)).isEmpty();
        assertThat(ids("", token)).containsExactly(ids.get(1));

        String tooMany = IntStream.range(0, 101).mapToObj(i -> "\"x" + i + "\"").collect(Collectors.joining(","));
        HttpResponse<String> refused = herald.post(
                "/api/notifications/bulk",
                token,
                "application/json",
                "{\"action\":\"read\",\"ids\":[" + tooMany + "]}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).getJsonArray("errors").getJsonObject(0).getString("pointer"))
                .isEqualTo("/ids");
    }

    @Test
    void aSnoozeEndsAtTheTopUnreadWithANewSeqAndALiveFrame() throws Exception {
        String user = Events.newUser("snoozer");
        String token = herald.token(user, "user");
        List<String> ids = fill(user, 3); // seqs 3, 2, 1
        String oldest = ids.get(2);
        post("/api/notifications/" + oldest + "/read", token);
        Instant serverNow = herald.advanceClock(Duration.ZERO);
        HttpResponse<String> snoozed = herald.post(
                "/api/notifications/" + oldest + "/snooze",
                token,
                "application/json",
                "{\"until\":\"" + serverNow.plus(Duration.ofMinutes(10)) + "\"}");
        assertThat(snoozed.statusCode()).isEqualTo(200);
        assertThat(ids("", token)).containsExactly(ids.get(0), ids.get(1));
        // the shared server's clock has moved on by what earlier tests advanced it: the socket's token is minted from
        // the server's time, so the ten minutes below cannot carry it past the token's expiry (which ends the session)
        String liveToken = herald.tokenUntil(user, serverNow.plus(Duration.ofHours(1)));
        LiveClient tab = LiveClient.connect(herald.liveUri(herald.ticket(liveToken)), herald.origin());
        tab.resume(3);

        herald.advanceClock(Duration.ofMinutes(10).plusSeconds(1));
        JsonObject back = tab.await(
                f -> f.getString("type").equals("notification.updated")
                        && f.getJsonObject("notification").getString("id").equals(oldest),
                DEADLINE);
        assertThat(LiveClient.seq(back)).isEqualTo(4);
        JsonObject notification = back.getJsonObject("notification");
        assertThat(notification.getBoolean("read")).isFalse();
        assertThat(notification.get("snoozedUntil")).isEqualTo(JsonValue.NULL);
        assertThat(ids("", token)).containsExactly(oldest, ids.get(0), ids.get(1));
        assertThat(json(herald.get("/api/notifications/unread-count", token)).getInt("count"))
                .isEqualTo(3);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> tab.frames("notification.updated").stream()
                                .filter(f -> f.getJsonObject("notification")
                                        .getString("id")
                                        .equals(oldest))
                                .count()
                        == 1);
        tab.close();
    }

    @Test
    void invalidInputIsAProblemNamingTheField() throws Exception {
        String user = Events.newUser("invalid");
        String token = herald.token(user, "user");
        String id = fill(user, 1).get(0);
        record Case(String path, String body, String where) {}
        String past = Instant.now().minus(Duration.ofHours(1)).toString();
        String farAway = Instant.now().plus(Duration.ofDays(400)).toString();
        for (Case c : List.of(
                new Case("/api/notifications/" + id + "/snooze", "{}", "/until"),
                new Case("/api/notifications/" + id + "/snooze", "{\"until\":\"" + past + "\"}", "/until"),
                new Case("/api/notifications/" + id + "/snooze", "{\"until\":\"" + farAway + "\"}", "/until"),
                new Case("/api/notifications/" + id + "/snooze", "{\"until\":\"tomorrow\"}", "/until"),
                new Case("/api/notifications/" + id + "/snooze", "{\"until\":\"" + farAway + "\",\"x\":1}", "/x"),
                new Case("/api/notifications/" + id + "/snooze", "[1]", ""),
                new Case("/api/notifications/bulk", "{\"action\":\"shred\",\"ids\":[\"a\"]}", "/action"),
                new Case("/api/notifications/bulk", "{\"action\":\"read\",\"ids\":[]}", "/ids"),
                new Case("/api/notifications/bulk", "{\"action\":\"read\",\"ids\":[\"\"]}", "/ids/0"),
                new Case("/api/notifications/bulk", "{\"action\":\"read\",\"ids\":[\"a\\u0000b\"]}", "/ids/0"),
                new Case("/api/notifications/bulk", "{\"action\":\"read\"}", "/ids"),
                new Case("/api/notifications/bulk", "{\"action\":\"snooze\",\"ids\":[\"a\"]}", "/until"),
                new Case("/api/notifications/bulk", "{\"action\":\"read\",\"ids\":\"a\"}", "/ids"),
                new Case(
                        "/api/notifications/bulk",
                        "{\"action\":\"read\",\"ids\":[\"a\"]," + "\"x\":" + "[".repeat(40) + "]".repeat(40) + "}",
                        ""))) {
            HttpResponse<String> response = herald.post(c.path(), token, "application/json", c.body());
            assertThat(response.statusCode()).as(c.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            JsonObject first = json(response).getJsonArray("errors").getJsonObject(0);
            assertThat(first.getString("pointer")).as(c.body()).isEqualTo(c.where());
        }
        for (String query : List.of(
                "limit=0", "limit=101", "limit=abc", "cursor=garbage!", "unread=maybe", "seen=1", "category=%20")) {
            HttpResponse<String> response = herald.get("/api/notifications?" + query, token);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            String parameter = query.substring(0, query.indexOf('='));
            assertThat(json(response).getJsonArray("errors").getJsonObject(0).getString("parameter"))
                    .isEqualTo(parameter);
        }
        HttpResponse<String> seq = herald.post("/api/notifications/read-all?upToSeq=-1", token, null, "");
        assertThat(seq.statusCode()).isEqualTo(400);
        assertThat(json(seq).getJsonArray("errors").getJsonObject(0).getString("parameter"))
                .isEqualTo("upToSeq");
        assertThat(herald.post("/api/notifications/" + id + "/shred", token, null, "")
                        .statusCode())
                .isEqualTo(404);
    }
}
