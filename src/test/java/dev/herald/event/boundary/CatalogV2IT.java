package dev.herald.event.boundary;

import static dev.herald.testing.Herald.json;
import static dev.herald.testing.LiveClient.seq;
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
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Catalog v2 on the real stack: likes gathered into one notification updated in place and pushed live, a new one
 * after the window, duplicates ignored, German text for a German user, silent types, binary-mode records, and
 * precise errors over REST and in parked records.
 */
class CatalogV2IT {
    static final Duration DEADLINE = Duration.ofSeconds(30);
    static Herald herald;
    static String publisher;

    @BeforeAll
    static void start() throws Exception {
        herald = Herald.shared();
        publisher = herald.token("app", "publisher");
    }

    static JsonArray inbox(String user) throws Exception {
        return json(herald.get("/api/notifications?limit=100", herald.token(user, "user")))
                .getJsonArray("items");
    }

    /** The user's inbox once it settled on {@code condition}. */
    static JsonArray awaitInbox(String user, java.util.function.Predicate<JsonArray> condition) {
        return await().atMost(DEADLINE).pollInterval(Duration.ofMillis(200)).until(() -> inbox(user), condition);
    }

    @Test
    void tenLikesFromSevenActorsBecomeOneNotificationUpdatedInPlaceAndLive() throws Exception {
        String user = Events.newUser("liked");
        LiveClient live = herald.connectLive(user);
        live.resume(0);
        Instant start = Instant.now();
        List<String> actors = List.of("Ana", "Ben", "Chen", "Ana", "Dana", "Emil", "Ben", "Fatou", "Gus", "Gus");
        List<String> ids = IntStream.range(0, actors.size())
                .mapToObj(i -> "like-" + UUID.randomUUID())
                .toList();
        for (int i = 0; i < actors.size(); i++) {
            herald.produce(user, Events.like(ids.get(i), user, actors.get(i), "post-1", start.plusSeconds(i)));
            if (i == 0) {
                // the first like alone makes the notification, so its created frame comes before any update
                live.awaitFrames("notification.created", 1, DEADLINE);
            }
        }
        JsonArray items = awaitInbox(
                user, list -> list.size() == 1 && list.getJsonObject(0).getInt("eventCount") == 10);
        JsonObject aggregate = items.getJsonObject(0);
        assertThat(aggregate.getString("title")).isEqualTo("Gus, Fatou, Ben and 4 others liked your post");
        assertThat(aggregate.getInt("actorCount")).isEqualTo(7);
        assertThat(aggregate.getJsonArray("actors")).hasSize(3);
        assertThat(aggregate.getBoolean("read")).isFalse();

        // one created frame, then updates of the same notification with increasing seqs, the last one as stored
        JsonObject last = live.await(
                f -> f.getString("type").equals("notification.updated")
                        && f.getJsonObject("notification").getInt("eventCount") == 10,
                DEADLINE);
        List<JsonObject> created = live.frames("notification.created");
        assertThat(created).hasSize(1);
        String id = created.get(0).getJsonObject("notification").getString("id");
        assertThat(aggregate.getString("id")).isEqualTo(id);
        List<JsonObject> updates = live.frames("notification.updated");
        assertThat(updates)
                .allMatch(f -> f.getJsonObject("notification").getString("id").equals(id));
        List<Long> seqs = updates.stream().map(LiveClient::seq).toList();
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
        assertThat(seqs.get(0)).isGreaterThan(seq(created.get(0)));
        assertThat(seq(last)).isEqualTo(aggregate.getJsonNumber("seq").longValue());
        assertThat(json(herald.get("/api/notifications/unread-count", herald.token(user, "user")))
                        .getInt("count"))
                .isEqualTo(1);

        // a redelivered like changes nothing
        herald.produce(user, Events.like(ids.get(4), user, "Dana", "post-1", start.plusSeconds(4)));
        // a like after the window starts a new notification, on top
        herald.produce(user, Events.like(Events.newId(), user, "Hana", "post-1", start.plus(Duration.ofMinutes(6))));
        JsonArray after = awaitInbox(user, list -> list.size() == 2);
        assertThat(after.getJsonObject(0).getString("title")).isEqualTo("Hana liked your post");
        assertThat(after.getJsonObject(1).getInt("eventCount")).isEqualTo(10);
        assertThat(after.getJsonObject(1).getInt("actorCount")).isEqualTo(7);

        // resume from the start shows the aggregate once, at its newest place
        LiveClient resumed = herald.connectLive(user);
        resumed.resume(0);
        resumed.await(f -> f.getString("type").equals("unread.count"), DEADLINE);
        List<JsonObject> caughtUp = resumed.frames().stream()
                .filter(f -> f.getString("type").startsWith("notification."))
                .toList();
        assertThat(caughtUp).hasSize(2);
        assertThat(caughtUp.stream().map(f -> f.getJsonObject("notification").getString("id")))
                .containsExactly(id, after.getJsonObject(0).getString("id"));
        live.close();
        resumed.close();
    }

    @Test
    void aReadAggregateComesBackUnreadWithTheNextLike() throws Exception {
        String user = Events.newUser("reread");
        Instant start = Instant.now();
        herald.produce(user, Events.like(Events.newId(), user, "Ana", "post-2", start));
        String id = awaitInbox(user, list -> list.size() == 1).getJsonObject(0).getString("id");
        assertThat(herald.post("/api/notifications/" + id + "/read", herald.token(user, "user"), null, "")
                        .statusCode())
                .isEqualTo(200);
        herald.produce(user, Events.like(Events.newId(), user, "Ben", "post-2", start.plusSeconds(1)));
        JsonObject again = awaitInbox(user, list -> list.getJsonObject(0).getInt("eventCount") == 2)
                .getJsonObject(0);
        assertThat(again.getString("id")).isEqualTo(id);
        assertThat(again.getBoolean("read")).isFalse();
        assertThat(again.getString("title")).isEqualTo("Ben and Ana liked your post");
    }

    @Test
    void aGermanUserGetsGermanText() throws Exception {
        String user = Events.newUser("deutsch");
        String token = herald.token(user, "user");
        HttpResponse<String> saved =
                herald.put("/api/me/settings", token, "{\"locale\":\"de-DE\",\"timeZone\":\"Europe/Berlin\"}");
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(json(saved).getString("effectiveLocale")).isEqualTo("de");
        JsonObject settings = json(herald.get("/api/me/settings", token));
        assertThat(settings.getString("locale")).isEqualTo("de-DE");
        assertThat(settings.getString("timeZone")).isEqualTo("Europe/Berlin");

        Instant start = Instant.now();
        herald.produce(user, Events.like(Events.newId(), user, "Ana", "p", start));
        herald.produce(user, Events.like(Events.newId(), user, "Ben", "p", start.plusSeconds(1)));
        JsonObject n = awaitInbox(
                        user, list -> list.size() == 1 && list.getJsonObject(0).getInt("eventCount") == 2)
                .getJsonObject(0);
        assertThat(n.getString("title")).isEqualTo("Ben und Ana haben deinen Beitrag mit „Gefällt mir“ markiert");
    }

    @Test
    void settingsAreValidatedWithPointers() throws Exception {
        String token = herald.token(Events.newUser("settings"), "user");
        HttpResponse<String> bad = herald.put(
                "/api/me/settings", token, "{\"locale\":\"xx-YY\",\"timeZone\":\"Mars/Olympus\",\"theme\":1}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(bad).getJsonArray("errors").stream()
                        .map(e -> e.asJsonObject().getString("pointer")))
                .containsExactlyInAnyOrder("/locale", "/timeZone", "/theme");
        assertThat(herald.put("/api/me/settings", token, "[1]").statusCode()).isEqualTo(400);
        assertThat(herald.get("/api/me/settings", null).statusCode()).isEqualTo(401);
        JsonObject cleared = json(herald.put("/api/me/settings", token, "{\"locale\":null}"));
        assertThat(cleared.get("locale")).isEqualTo(JsonValue.NULL);
        assertThat(cleared.getString("effectiveLocale")).isEqualTo("en");
    }

    @Test
    void aSilentTypeIsAcceptedAndStoresNothing() throws Exception {
        String user = Events.newUser("silent");
        String login = "{\"specversion\":\"1.0\",\"id\":\"" + Events.newId() + "\",\"source\":\"/auth\","
                + "\"type\":\"user.login\",\"subject\":\"" + user + "\",\"data\":{\"ip\":\"10.0.0.1\"}}";
        HttpResponse<String> accepted = herald.post("/api/events", publisher, "application/cloudevents+json", login);
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(json(accepted).getBoolean("silent")).isTrue();
        herald.produce(user, login.replace("/auth", "/auth-kafka"));
        // a marker after both, on the same partition: once it is stored, both logins were processed
        herald.produce(user, Events.notice(Events.newId(), user, "Marker"));
        awaitInbox(user, list -> list.size() == 1);
        assertThat(herald.storedCount(user)).isEqualTo(1);
        JsonArray types = jakarta.json.Json.createReader(
                        new java.io.StringReader(herald.get("/api/event-types", herald.token("ops", "admin"))
                                .body()))
                .readArray();
        JsonObject loginType = types.stream()
                .map(JsonValue::asJsonObject)
                .filter(t -> t.getString("type").equals("user.login"))
                .findFirst()
                .orElseThrow();
        assertThat(loginType.getBoolean("silent")).isTrue();
        assertThat(loginType.getJsonNumber("accepted").longValue()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aBinaryModeRecordIsStored() throws Exception {
        String user = Events.newUser("binary");
        herald.produceBinary(
                user,
                Map.of(
                        "ce_specversion", "1.0",
                        "ce_id", Events.newId(),
                        "ce_source", "/binary",
                        "ce_type", "achievement.unlocked",
                        "ce_subject", user,
                        "content-type", "application/json"),
                "{\"achievement\":{\"name\":\"Binary\",\"description\":\"In headers\"}}");
        JsonObject n = awaitInbox(user, list -> list.size() == 1).getJsonObject(0);
        assertThat(n.getString("title")).isEqualTo("Achievement unlocked: Binary");
    }

    @Test
    void anInvalidEventIsRefusedWithPointersOverRestAndParkedWithThemFromKafka() throws Exception {
        String marker = "invalid-" + UUID.randomUUID();
        String event = "{\"specversion\":\"1.0\",\"id\":\"" + marker + "\",\"source\":\"/t\",\"type\":\"post.liked\","
                + "\"subject\":\"u\",\"data\":{\"actor\":{\"name\":\"Ana\"},\"post\":{\"id\":\"p\",\"title\":7}}}";
        HttpResponse<String> refused = herald.post("/api/events", publisher, "application/cloudevents+json", event);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonArray errors = json(refused).getJsonArray("errors");
        assertThat(errors.stream().map(e -> e.asJsonObject().getString("pointer")))
                .containsExactly("/data/actor/id", "/data/post/title");
        assertThat(errors.getJsonObject(1).getString("detail")).contains("string");

        herald.produce("u", event);
        String admin = herald.token("ops", "admin");
        JsonObject parked = await().atMost(DEADLINE)
                .until(
                        () ->
                                json(herald.get("/api/admin/parked-events?limit=500", admin))
                                        .getJsonArray("items")
                                        .stream()
                                        .map(JsonValue::asJsonObject)
                                        .filter(p -> p.getString("payload", "").contains(marker))
                                        .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(parked.getJsonArray("errors").stream()
                        .map(e -> e.asJsonObject().getString("pointer")))
                .containsExactly("/data/actor/id", "/data/post/title");
        assertThat(parked.getString("reason")).contains("/data/actor/id").contains("/data/post/title");
    }
}
