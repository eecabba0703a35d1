package dev.herald.event.boundary;

import static dev.herald.testing.Herald.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bad records are parked with their reason and never stop the stream. */
class PoisonRecordsIT {
    static Herald herald;

    @BeforeAll
    static void start() throws Exception {
        herald = Herald.shared();
    }

    @Test
    void fiftyMalformedAmongFiftyGoodGiveFiftyNotificationsAndFiftyParked() throws Exception {
        String user = Events.newUser("poison");
        String marker = "marker-" + UUID.randomUUID();
        List<String> poisons = List.of(
                "{not json " + marker,
                "[\"" + marker + "\"]",
                "{\"specversion\":\"1.0\",\"id\":\"" + marker
                        + "\",\"source\":\"/t\",\"type\":\"no.such.type\",\"subject\":\"" + user + "\"}",
                "{\"specversion\":\"1.0\",\"id\":\"" + marker
                        + "\",\"source\":\"/t\",\"type\":\"post.liked\",\"subject\":\"" + user + "\",\"data\":{}}",
                "{\"specversion\":\"1.0\",\"id\":\"" + marker
                        + "\",\"source\":\"/t\",\"type\":\"post.liked\",\"data\":{}}",
                "{\"specversion\":\"1.0\",\"id\":\"" + marker
                        + "\\u0000\",\"source\":\"/t\",\"type\":\"user.followed\",\"subject\":\"" + user + "\"}",
                marker + "\u0000 raw NUL bytes");
        for (int i = 0; i < 100; i++) {
            if (i % 2 == 0) {
                herald.produce(user, Events.postLiked(Events.newId(), user, "Ana", "post " + i));
            } else {
                herald.produce(user, poisons.get(i / 2 % poisons.size()).replace(marker, marker + "-" + i));
            }
        }

        JsonArray items = herald.awaitInbox(user, 50);
        assertThat(items).hasSize(50);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(herald.parkedCount(marker)).isEqualTo(50));

        // the consumer is still consuming
        herald.produce(user, Events.notice(Events.newId(), user, "After"));
        assertThat(herald.awaitInbox(user, 51).getJsonObject(0).getString("title"))
                .isEqualTo("After");
    }

    @Test
    void operatorsSeeParkedRecordsWithWhereTheyCameFromAndWhy() throws Exception {
        String marker = "inspect-" + UUID.randomUUID();
        herald.produce("k-" + marker, "{broken " + marker);
        String admin = herald.token("ops", "admin");
        JsonObject parked = await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                json(herald.get("/api/admin/parked-events?limit=500", admin))
                                        .getJsonArray("items")
                                        .stream()
                                        .map(v -> v.asJsonObject())
                                        .filter(p -> p.getString("payload", "").contains(marker))
                                        .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(parked.getString("reason")).startsWith("malformed JSON");
        assertThat(parked.getString("topic")).isEqualTo("herald.events");
        assertThat(parked.getString("key")).isEqualTo("k-" + marker);
        assertThat(parked.getJsonNumber("offset").longValue()).isNotNegative();
        assertThat(parked.getString("payload")).isEqualTo("{broken " + marker);
    }
}
