package dev.herald.ops.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.testing.BrowserScript;
import dev.herald.testing.ChannelPeers;
import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The operations console in headless Chromium (Playwright), against the real stack: the flow page with live
 * numbers, a user's story, replaying a real dead letter from the dead-letter view, the analytics charts and the
 * audit trail. Needs Chromium at /usr/bin/chromium and {@code npm ci --prefix src/test/browser}; {@code .ci/run}
 * installs both. Screenshots: target/browser/console/*.png.
 */
class ConsoleBrowserIT {
    @Test
    void anOperatorWatchesTheFlowReadsAUsersStoryAndReplaysADeadLetter() throws Exception {
        Herald herald = Herald.shared();
        ChannelPeers peers = ChannelPeers.shared();

        // a user whose webhook refuses one job update for good (400): a dead letter to replay from the console
        String user = Events.newUser("story");
        String token = herald.token(user, "user");
        String hook = "/hooks/" + user;
        HttpResponse<String> registered =
                herald.post("/api/webhooks", token, "application/json", "{\"url\":\"" + peers.base() + hook + "\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        peers.script(hook, 400);
        herald.produce(user, Events.jobStatus(Events.newId(), user, "Site reliability engineer", "interview"));
        herald.produce(user, Events.notice(Events.newId(), user, "Welcome to the console"));
        String admin = herald.token("ops-browser", "admin");
        String deadLetter = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> Herald.json(herald.get("/api/admin/dead-letters?channel=webhook", admin))
                                .getJsonArray("items")
                                .stream()
                                .map(JsonValue::asJsonObject)
                                .filter(l -> l.getString("recipient").equals(user))
                                .map(l -> l.getString("deliveryId"))
                                .findFirst()
                                .orElse(null),
                        id -> id != null);

        Path screenshots = Path.of("target/browser/console").toAbsolutePath();
        Files.createDirectories(screenshots);
        BrowserScript.run(
                "console.test.mjs",
                Duration.ofMinutes(4),
                herald.uri("/").toString(),
                screenshots.toString(),
                user,
                deadLetter);
        for (String name : new String[] {"flow.png", "story.png", "dead-letters.png", "analytics.png", "audit.png"}) {
            assertThat(screenshots.resolve(name)).isNotEmptyFile();
        }
        // the replay the browser clicked happened: the webhook got the delivery again and accepted it
        await().atMost(Duration.ofSeconds(30))
                .until(() -> peers.received(hook).stream().anyMatch(r -> r.answered() == 200));
        JsonObject replayed = Herald.json(herald.get("/api/admin/audit?action=dead-letters.replay", admin))
                .getJsonArray("items")
                .getJsonObject(0);
        assertThat(replayed.getString("actor")).isEqualTo("ops");
        assertThat(replayed.getJsonObject("details").getJsonArray("deliveryIds").getString(0))
                .isEqualTo(deadLetter);
    }
}
