package dev.herald.preference.boundary;

import static dev.herald.testing.Herald.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import dev.herald.testing.LiveClient;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/preferences} on the real stack: defaults from the catalog, replace, merge-patch, precise errors, the
 * change pushed to the user's other tabs, and a muted user's notifications stored but silent.
 */
class PreferencesIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String MERGE = "application/merge-patch+json";
    static Herald herald;

    @BeforeAll
    static void start() throws Exception {
        herald = Herald.shared();
    }

    @Test
    void defaultsComeFromTheCatalog() throws Exception {
        String token = herald.token(Events.newUser("defaults"), "user");
        JsonObject preferences = json(herald.get("/api/preferences", token));
        assertThat(preferences.getBoolean("muted")).isFalse();
        assertThat(preferences.getJsonObject("channels").keySet())
                .containsExactlyInAnyOrder("in_app", "email", "push", "sms", "webhook");
        // post.liked / commented / user.followed are social; the catalog sends them in the app and by push
        JsonObject social = preferences.getJsonObject("categories").getJsonObject("social");
        assertThat(social.getBoolean("in_app")).isTrue();
        assertThat(social.getBoolean("push")).isTrue();
        assertThat(preferences.get("quietHours")).isEqualTo(JsonValue.NULL);
        assertThat(preferences.getJsonObject("digest").getJsonObject("email").getString("cadence"))
                .isEqualTo("off");
    }

    @Test
    void putReplacesPatchMergesAndOtherTabsAreTold() throws Exception {
        String user = Events.newUser("chooser");
        String token = herald.token(user, "user");
        LiveClient otherTab = herald.connectLive(user);
        otherTab.resume(0);

        HttpResponse<String> put = herald.put(
                "/api/preferences",
                token,
                "{\"muted\":false,\"categories\":{\"social\":{\"push\":false}},"
                        + "\"quietHours\":{\"days\":[\"mon\",\"tue\"],\"start\":\"22:00\",\"end\":\"07:00\"},"
                        + "\"digest\":{\"email\":{\"cadence\":\"daily\",\"at\":\"08:30\"}}}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        JsonObject afterPut = json(put);
        assertThat(afterPut.getJsonObject("categories").getJsonObject("social").getBoolean("push"))
                .isFalse();
        assertThat(afterPut.getJsonObject("quietHours").getJsonArray("days").toString())
                .isEqualTo("[\"mon\",\"tue\"]");
        JsonObject told =
                otherTab.awaitFrames("preferences.updated", 1, DEADLINE).get(0);
        assertThat(told.getJsonObject("preferences")).isEqualTo(afterPut);

        HttpResponse<String> patch = herald.send(
                "PATCH",
                "/api/preferences",
                token,
                MERGE,
                "{\"categories\":{\"social\":{\"email\":false}},\"quietHours\":null}");
        assertThat(patch.statusCode()).as(patch.body()).isEqualTo(200);
        JsonObject afterPatch = json(patch);
        JsonObject social = afterPatch.getJsonObject("categories").getJsonObject("social");
        assertThat(social.getBoolean("push")).isFalse();
        assertThat(social.getBoolean("email")).isFalse();
        assertThat(afterPatch.get("quietHours")).isEqualTo(JsonValue.NULL);
        assertThat(afterPatch.getJsonObject("digest").getJsonObject("email").getString("at"))
                .isEqualTo("08:30");
        assertThat(json(herald.get("/api/preferences", token))).isEqualTo(afterPatch);
        otherTab.awaitFrames("preferences.updated", 2, DEADLINE);

        // null resets an entry to the catalog's default
        json(herald.send("PATCH", "/api/preferences", token, MERGE, "{\"categories\":{\"social\":{\"push\":null}}}"));
        assertThat(json(herald.get("/api/preferences", token))
                        .getJsonObject("categories")
                        .getJsonObject("social")
                        .getBoolean("push"))
                .isTrue();
        otherTab.close();
    }

    @Test
    void everyInvalidFieldIsNamed() throws Exception {
        String token = herald.token(Events.newUser("wrong"), "user");
        record Case(String body, List<String> pointers) {}
        for (Case c : List.of(
                new Case("{\"categories\":{\"gossip\":{\"email\":true}}}", List.of("/categories/gossip")),
                new Case("{\"categories\":{\"social\":{\"pigeon\":true}}}", List.of("/categories/social/pigeon")),
                new Case("{\"channels\":{\"email\":null}}", List.of("/channels/email")),
                new Case("{\"muted\":\"yes\"}", List.of("/muted")),
                new Case("{\"volume\":11}", List.of("/volume")),
                new Case(
                        "{\"quietHours\":{\"days\":[\"someday\"],\"start\":\"25:00\",\"end\":\"7\"}}",
                        List.of("/quietHours/days/0", "/quietHours/end", "/quietHours/start")),
                new Case(
                        "{\"quietHours\":{\"days\":[],\"start\":\"22:00\",\"end\":\"22:00\"}}",
                        List.of("/quietHours/days")),
                new Case(
                        "{\"quietHours\":{\"days\":[\"mon\"],\"start\":\"22:00\",\"end\":\"22:00\"}}",
                        List.of("/quietHours/end")),
                new Case("{\"digest\":{\"email\":{\"cadence\":\"daily\"}}}", List.of("/digest/email/at")),
                new Case("{\"digest\":{\"email\":{\"cadence\":\"weekly\"}}}", List.of("/digest/email/cadence")),
                new Case("{\"digest\":{\"in_app\":{\"cadence\":\"hourly\"}}}", List.of("/digest/in_app")),
                new Case("not json", List.of("")))) {
            HttpResponse<String> response = herald.put("/api/preferences", token, c.body());
            assertThat(response.statusCode()).as(c.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(response).getJsonArray("errors").stream()
                            .map(e -> e.asJsonObject().getString("pointer"))
                            .toList())
                    .as(c.body())
                    .containsExactlyElementsOf(c.pointers());
        }
        HttpResponse<String> badPatch = herald.send("PATCH", "/api/preferences", token, MERGE, "{\"muted\":1}");
        assertThat(badPatch.statusCode()).isEqualTo(400);
        // nothing invalid was stored
        assertThat(json(herald.get("/api/preferences", token)).getBoolean("muted"))
                .isFalse();
    }

    @Test
    void aMutedUsersNotificationsAreStoredButSilentExceptCritical() throws Exception {
        String user = Events.newUser("muted");
        String token = herald.token(user, "user");
        assertThat(herald.put("/api/preferences", token, "{\"muted\":true}").statusCode())
                .isEqualTo(200);
        LiveClient tab = herald.connectLive(user);
        tab.resume(0);
        herald.produce(user, Events.notice(Events.newId(), user, "Quietly"));
        JsonObject quiet = tab.awaitFrames("notification.created", 1, DEADLINE).get(0);
        assertThat(quiet.getBoolean("silent", false)).isTrue();
        assertThat(json(herald.get("/api/notifications/unread-count", token)).getInt("count"))
                .isEqualTo(1);

        herald.produce(user, Events.critical(Events.newId(), user));
        JsonObject loud = tab.awaitFrames("notification.created", 2, DEADLINE).get(1);
        assertThat(loud.getJsonObject("notification").getString("priority")).isEqualTo("critical");
        assertThat(loud.containsKey("silent")).isFalse();

        assertThat(herald.put("/api/preferences", token, "{}").statusCode()).isEqualTo(200);
        herald.produce(user, Events.notice(Events.newId(), user, "Loudly"));
        JsonObject normal = tab.awaitFrames("notification.created", 3, DEADLINE).get(2);
        assertThat(normal.containsKey("silent")).isFalse();
        tab.close();

        // a client catching up after a reconnect is told the same: silence is stored with the notification
        LiveClient later = herald.connectLive(user);
        later.resume(0);
        List<JsonObject> caughtUp = later.awaitFrames("notification.created", 3, DEADLINE);
        assertThat(caughtUp.stream().map(f -> f.getBoolean("silent", false)).toList())
                .containsExactly(true, false, false);
        later.close();
    }

    @Test
    void preferencesBelongToTheTokensSubjectNotItsDisplayName() throws Exception {
        String user = Events.newUser("subject");
        java.time.Instant now = java.time.Instant.now();
        // an identity provider's token whose upn is a display name, not the id events are addressed to
        String token = herald.signer(dev.herald.devstack.DevKeys.ISSUER, dev.herald.devstack.DevKeys.AUDIENCE)
                .sign(user, "Jane Doe", List.of("user"), now, now.plus(Duration.ofHours(1)));
        assertThat(herald.put("/api/preferences", token, "{\"muted\":true}").statusCode())
                .isEqualTo(200);
        assertThat(json(herald.get("/api/preferences", herald.token(user, "user")))
                        .getBoolean("muted"))
                .isTrue();
        LiveClient tab = herald.connectLive(user);
        tab.resume(0);
        herald.produce(user, Events.notice(Events.newId(), user, "Addressed by subject"));
        assertThat(tab.awaitFrames("notification.created", 1, DEADLINE).get(0).getBoolean("silent", false))
                .isTrue();
        tab.close();
    }
}
