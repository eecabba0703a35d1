package dev.herald.event.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import dev.herald.testing.LiveClient;
import jakarta.json.JsonArray;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Events produced while Herald is down are stored once it is back: none lost, none twice. */
class RestartIT {
    static Herald herald;

    @BeforeAll
    static void start() throws Exception {
        herald = Herald.shared();
    }

    @Test
    void eventsProducedWhileLibertyIsStoppedAppearAfterItStarts() throws Exception {
        String user = Events.newUser("sleeper");
        herald.produce(user, Events.notice(Events.newId(), user, "Before"));
        herald.awaitInbox(user, 1);
        LiveClient live = herald.connectLive(user);
        live.resume(1);
        live.awaitFrames("unread.count", 1, Duration.ofSeconds(20));

        // before a restart, an operator (a pre-stop hook) drains the instance: each socket is told when to come back
        // and closed with 1012, new handshakes get 503 and readiness is DOWN until it stops
        assertThat(herald.post("/api/admin/live/drain", herald.token(user, "user"), null, "")
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> drained = herald.post("/api/admin/live/drain", herald.token("ops", "admin"), null, "");
        try {
            try {
                assertThat(drained.statusCode()).as(drained.body()).isEqualTo(200);
                long window = Herald.json(drained).getJsonNumber("windowMillis").longValue();
                assertThat(Herald.json(drained).getInt("sockets")).isPositive();
                assertThat(live.awaitClose(Duration.ofSeconds(20)).code()).isEqualTo(1012);
                assertThat(live.frames("reconnect")).singleElement().satisfies(frame -> assertThat(
                                frame.getJsonNumber("afterMs").longValue())
                        .isBetween(0L, window - 1));
                HttpResponse<String> ready = herald.readiness();
                assertThat(ready.statusCode()).isEqualTo(503);
                assertThat(ready.body()).contains("live-sockets", "drained");
                String ticket = herald.ticket(herald.token(user, "user"));
                HttpResponse<String> handshake = Herald.client()
                        .send(
                                HttpRequest.newBuilder(herald.uri("/ws/notifications?ticket=" + ticket))
                                        .header("Origin", herald.origin())
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(handshake.statusCode()).isEqualTo(503);
                assertThat(handshake.headers().firstValue("Retry-After")).isPresent();
            } finally {
                herald.stopServer();
            }
            for (int i = 0; i < 20; i++) {
                herald.produce(user, Events.postLiked(Events.newId(), user, "Ana", "while down " + i));
            }
        } finally {
            herald.startServer();
        }

        JsonArray items = herald.awaitInbox(user, 21);
        assertThat(items).hasSize(21);
        assertThat(items.stream().map(v -> v.asJsonObject().getJsonNumber("seq").longValue()))
                .doesNotHaveDuplicates()
                .allMatch(seq -> seq >= 1 && seq <= 21);
        assertThat(herald.storedCount(user)).isEqualTo(21);
    }

    @Test
    void aSnoozeThatEndsWhileHeraldIsDownComesBackAfterItStarts() throws Exception {
        String user = Events.newUser("dozer");
        String token = herald.token(user, "user");
        herald.produce(user, Events.notice(Events.newId(), user, "Snoozed across a restart"));
        herald.produce(user, Events.notice(Events.newId(), user, "Stays"));
        JsonArray items = herald.awaitInbox(user, 2);
        String snoozed = items.getJsonObject(1).getString("id");
        java.time.Instant until = herald.advanceClock(java.time.Duration.ZERO).plusSeconds(5);
        assertThat(herald.post(
                                "/api/notifications/" + snoozed + "/snooze",
                                token,
                                "application/json",
                                "{\"until\":\"" + until + "\"}")
                        .statusCode())
                .isEqualTo(200);

        herald.stopServer();
        herald.startServer();
        // the restarted server's clock is the system's again: move it past the end if the old one ran ahead
        java.time.Instant now = herald.advanceClock(java.time.Duration.ZERO);
        if (now.isBefore(until)) {
            herald.advanceClock(java.time.Duration.between(now, until).plusSeconds(1));
        }

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> Herald.json(herald.get("/api/notifications?limit=1", token))
                        .getJsonArray("items")
                        .getJsonObject(0)
                        .getString("id")
                        .equals(snoozed));
        var back = Herald.json(herald.get("/api/notifications/" + snoozed, token));
        assertThat(back.getJsonNumber("seq").longValue()).isEqualTo(3);
        assertThat(back.isNull("snoozedUntil")).isTrue();
    }
}
