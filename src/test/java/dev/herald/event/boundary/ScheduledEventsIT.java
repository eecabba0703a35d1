package dev.herald.event.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scheduled send on the real stack: an event with a future {@code deliverat} reaches neither the inbox nor a channel
 * until then (Herald's dev clock moves, nothing sleeps), fires once, and can be cancelled by its producer until it
 * fires, also before Herald has taken it from Kafka.
 */
class ScheduledEventsIT {
    private static Herald herald;
    private static String publisher;

    /** This suite moves the shared server's clock hours ahead: set it back for the suites after it. */
    @AfterAll
    static void resetClock() throws Exception {
        herald.resetClock();
    }

    @BeforeAll
    static void start() throws Exception {
        herald = Herald.shared();
        publisher = herald.token("svc-" + Events.newUser("scheduler"), "publisher");
    }

    private static String scheduled(String id, String user, String title, Instant at) {
        return Json.createObjectBuilder(Events.parse(Events.notice(id, user, title)))
                .add("deliverat", at.toString())
                .build()
                .toString();
    }

    private static HttpResponse<String> publish(String event) throws Exception {
        return herald.post("/api/events", publisher, "application/cloudevents+json", event);
    }

    private static HttpResponse<String> cancel(String id) throws Exception {
        return herald.delete(
                "/api/events?source=" + URLEncoder.encode("/tests", StandardCharsets.UTF_8) + "&id=" + id, publisher);
    }

    private static JsonArray inbox(String user) throws Exception {
        HttpResponse<String> page = herald.get("/api/notifications", herald.token(user, "user"));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return Herald.json(page).getJsonArray("items");
    }

    /** The inbox stays empty for a second and a half. */
    private static void staysEmpty(String user) {
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> inbox(user)
                .isEmpty());
    }

    /** Waits until Herald holds the event (it is in scheduled_event). */
    private static void awaitHeld(String id) {
        await().atMost(Duration.ofSeconds(30)).until(() -> status(id) != null);
    }

    private static String status(String id) throws Exception {
        try (var db = herald.database();
                var query = db.prepareStatement("SELECT status FROM scheduled_event WHERE event_id = ?")) {
            query.setString(1, id);
            try (var rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    @Test
    void aScheduledEventReachesTheInboxAtItsTimeOnce() throws Exception {
        String user = Events.newUser("later");
        String id = Events.newId();
        Instant at = herald.advanceClock(Duration.ZERO).plus(Duration.ofMinutes(10));
        HttpResponse<String> accepted = publish(scheduled(id, user, "Your webinar starts", at));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(Instant.parse(Herald.json(accepted).getString("deliverAt"))).isEqualTo(at);
        awaitHeld(id);
        staysEmpty(user);

        herald.advanceClock(Duration.ofMinutes(9));
        staysEmpty(user);
        herald.advanceClock(Duration.ofMinutes(1).plusSeconds(1));
        JsonArray items = herald.awaitInbox(user, 1);
        assertThat(items.getJsonObject(0).getString("title")).isEqualTo("Your webinar starts");
        assertThat(status(id)).isEqualTo("fired");
        // the same event again (a producer's retry) is stored once
        assertThat(publish(scheduled(id, user, "Your webinar starts", at)).statusCode())
                .isEqualTo(202);
        herald.advanceClock(Duration.ofMinutes(1));
        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> inbox(user).size() == 1);
        assertThat(cancel(id).statusCode()).as("fired already").isEqualTo(409);
    }

    @Test
    void aCancelledEventNeverArrives() throws Exception {
        String user = Events.newUser("cancelled");
        String id = Events.newId();
        Instant at = herald.advanceClock(Duration.ZERO).plus(Duration.ofMinutes(5));
        assertThat(publish(scheduled(id, user, "Never", at)).statusCode()).isEqualTo(202);
        awaitHeld(id);

        assertThat(cancel(id).statusCode()).isEqualTo(204);
        assertThat(cancel(id).statusCode()).as("twice is fine").isEqualTo(204);
        herald.advanceClock(Duration.ofMinutes(6));
        staysEmpty(user);
        assertThat(status(id)).isEqualTo("cancelled");
    }

    @Test
    void aCancelBeforeTheEventArrivesDropsIt() throws Exception {
        String user = Events.newUser("ahead");
        String id = Events.newId();
        assertThat(cancel(id).statusCode()).isEqualTo(202);
        Instant at = herald.advanceClock(Duration.ZERO).plus(Duration.ofMinutes(5));
        herald.produce(user, scheduled(id, user, "Dropped", at));
        // a marker event after it on the same partition: once it is in the inbox, the first one was taken
        herald.produce(user, Events.notice(Events.newId(), user, "Marker"));
        herald.awaitInbox(user, 1);
        herald.advanceClock(Duration.ofMinutes(6));
        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> inbox(user).size() == 1);
        assertThat(inbox(user).getJsonObject(0).getString("title")).isEqualTo("Marker");
    }

    @Test
    void aBinaryRecordWithCeDeliveratIsHeldToo() throws Exception {
        String user = Events.newUser("binary");
        String id = Events.newId();
        Instant at = herald.advanceClock(Duration.ZERO).plus(Duration.ofMinutes(3));
        herald.produceBinary(
                user,
                Map.of(
                        "ce_specversion", "1.0",
                        "ce_id", id,
                        "ce_source", "/tests",
                        "ce_type", "notification.created",
                        "ce_subject", user,
                        "ce_deliverat", at.toString(),
                        "content-type", "application/json"),
                "{\"title\":\"Binary later\",\"body\":\"\"}");
        awaitHeld(id);
        staysEmpty(user);
        herald.advanceClock(Duration.ofMinutes(3).plusSeconds(1));
        assertThat(herald.awaitInbox(user, 1).getJsonObject(0).getString("title"))
                .isEqualTo("Binary later");
    }

    @Test
    void aBadDeliveratIsRefusedWithItsPointer() throws Exception {
        String user = Events.newUser("bad");
        JsonObject event = Json.createObjectBuilder(Events.parse(Events.notice(Events.newId(), user, "x")))
                .add("deliverat", "tomorrow morning")
                .build();
        HttpResponse<String> refused = publish(event.toString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("/deliverat").contains("RFC 3339");

        Instant far = herald.advanceClock(Duration.ZERO).plus(Duration.ofDays(400));
        HttpResponse<String> tooFar = publish(scheduled(Events.newId(), user, "x", far));
        assertThat(tooFar.statusCode()).isEqualTo(400);
        assertThat(tooFar.body()).contains("/deliverat").contains("days ahead");

        assertThat(herald.delete("/api/events?id=x", publisher).statusCode()).isEqualTo(400);
        assertThat(herald.delete("/api/events?source=/tests&id=x", herald.token(user, "user"))
                        .statusCode())
                .isEqualTo(403);
    }
}
