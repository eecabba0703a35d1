package dev.herald.live.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import dev.herald.testing.LiveClient;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The handshake refuses bad origins and missing or used tickets; open sockets are limited and expire. */
class LiveSecurityIT {
    static Herald herald;

    @BeforeAll
    static void start() throws Exception {
        herald = Herald.shared();
    }

    @Test
    void aForeignOriginIsRefusedWith403() throws Exception {
        String ticket = herald.ticket(herald.token(Events.newUser("o"), "user"));
        assertThat(handshakeStatus(herald.liveUri(ticket), "http://evil.example"))
                .isEqualTo(403);
    }

    @Test
    void noTicketOrAUsedTicketIsRefusedWith401() throws Exception {
        assertThat(handshakeStatus(herald.liveUri(null), herald.origin())).isEqualTo(401);
        assertThat(handshakeStatus(herald.liveUri("made-up"), herald.origin())).isEqualTo(401);
        String ticket = herald.ticket(herald.token(Events.newUser("once"), "user"));
        LiveClient first = LiveClient.connect(herald.liveUri(ticket), herald.origin());
        assertThat(handshakeStatus(herald.liveUri(ticket), herald.origin())).isEqualTo(401);
        first.close();
    }

    @Test
    void aTicketOpensOneSocketWhenHandshakesWithItRace() throws Exception {
        String ticket = herald.ticket(herald.token(Events.newUser("race"), "user"));
        int attempts = 6;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> outcomes = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        return LiveClient.connect(herald.liveUri(ticket), herald.origin());
                    } catch (Exception refused) {
                        return refused;
                    }
                }));
            }
            go.countDown();
            List<LiveClient> opened = new ArrayList<>();
            List<Integer> refusals = new ArrayList<>();
            for (Future<Object> outcome : outcomes) {
                Object result = outcome.get(60, TimeUnit.SECONDS);
                if (result instanceof LiveClient client) {
                    opened.add(client);
                } else {
                    Throwable cause = result instanceof CompletionException c ? c.getCause() : (Throwable) result;
                    assertThat(cause).isInstanceOf(WebSocketHandshakeException.class);
                    refusals.add(
                            ((WebSocketHandshakeException) cause).getResponse().statusCode());
                }
            }
            assertThat(opened).hasSize(1);
            assertThat(refusals).hasSize(attempts - 1).containsOnly(401);
            opened.forEach(LiveClient::close);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void ticketsNeedAValidUserToken() throws Exception {
        assertThat(herald.post("/api/live/tickets", null, null, "").statusCode())
                .isEqualTo(401);
        assertThat(herald.post("/api/live/tickets", herald.expiredToken("x", "user"), null, "")
                        .statusCode())
                .isEqualTo(401);
        assertThat(herald.post("/api/live/tickets", herald.token("x", "publisher"), null, "")
                        .statusCode())
                .isEqualTo(403);
    }

    @Test
    void aSocketIsClosedWhenItsTokenExpires() throws Exception {
        String user = Events.newUser("expiring");
        Instant now = Instant.now();
        String shortLived = herald.signer(dev.herald.devstack.DevKeys.ISSUER, dev.herald.devstack.DevKeys.AUDIENCE)
                .sign(user, List.of("user"), now, now.plusSeconds(3));
        LiveClient socket = LiveClient.connect(herald.liveUri(herald.ticket(shortLived)), herald.origin());
        LiveClient.Closed closed = socket.awaitClose(Duration.ofSeconds(20));
        assertThat(closed.code()).isEqualTo(1008);
        assertThat(closed.reason()).isEqualTo("token expired");
    }

    @Test
    void anOversizedFrameClosesWith1009() throws Exception {
        LiveClient socket = herald.connectLive(Events.newUser("big"));
        socket.sendAndForget("{\"type\":\"resume\",\"after\":0,\"pad\":\"" + "x".repeat(70 * 1024) + "\"}");
        assertThat(socket.awaitClose(Duration.ofSeconds(15)).code()).isEqualTo(1009);
    }

    @Test
    void floodingClosesWith1008() throws Exception {
        LiveClient socket = herald.connectLive(Events.newUser("flood"));
        for (int i = 0; i < 60 && socket.isOpen(); i++) {
            socket.send("{\"type\":\"read-all\"}");
        }
        LiveClient.Closed closed = socket.awaitClose(Duration.ofSeconds(15));
        assertThat(closed.code()).isEqualTo(1008);
        assertThat(closed.reason()).isEqualTo("rate limit exceeded");
    }

    @Test
    void aUserHasAtMostTenSockets() throws Exception {
        String user = Events.newUser("many");
        List<LiveClient> sockets = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sockets.add(herald.connectLive(user));
        }
        LiveClient eleventh = herald.connectLive(user);
        LiveClient.Closed closed = eleventh.awaitClose(Duration.ofSeconds(15));
        assertThat(closed.code()).isEqualTo(1008);
        assertThat(closed.reason()).isEqualTo("too many connections for this user");
        assertThat(sockets).allMatch(LiveClient::isOpen);
        sockets.forEach(LiveClient::close);
    }

    static int handshakeStatus(URI uri, String origin) {
        Throwable failure = catchThrowable(() -> LiveClient.connect(uri, origin));
        assertThat(failure).as("the handshake should have been refused").isNotNull();
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        assertThat(cause).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) cause).getResponse().statusCode();
    }
}
