package dev.herald.channel.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.channel.control.HttpOutcomesTest.Peer;
import dev.herald.channel.entity.SendResult;
import dev.herald.channel.entity.SendResult.Kind;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The client for user-given destinations against a real HTTP receiver on an allowed loopback address: it connects
 * only to what the guard approved at connect time, so a name that rebinds to an internal address after the check is
 * never reached; answers and stalls count as for every provider.
 */
class GuardedHttpTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void aReceiverOnAnAllowedLoopbackAddressGetsTheRequestWithItsHeaders() throws Exception {
        AtomicReference<String> received = new AtomicReference<>();
        try (Peer peer = new Peer(exchange -> {
                    received.set(exchange.getRequestHeaders().getFirst("webhook-id") + " "
                            + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    answer(exchange, 204, "");
                });
                GuardedHttp http = new GuardedHttp(() -> new DestinationGuard(false, List.of("127.0.0.1/32")))) {
            SendResult result = http.post(
                    URI.create("http://127.0.0.1:" + peer.port() + "/hook"),
                    Map.of("webhook-id", "d-1"),
                    "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                    "application/json",
                    Duration.ofSeconds(5),
                    CLOCK,
                    true);
            assertThat(result.kind()).isEqualTo(Kind.DELIVERED);
            assertThat(result.statusCode()).isEqualTo(204);
            assertThat(received.get()).isEqualTo("d-1 {\"a\":1}");
        }
    }

    @Test
    void aNameThatRebindsToAnInternalAddressAfterTheCheckIsNeverConnectedTo() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        // public when the provider checks the URL, loopback (where the receiver waits) when the client connects
        Deque<InetAddress> answers =
                new ArrayDeque<>(List.of(InetAddress.getByName("203.0.113.7"), InetAddress.getLoopbackAddress()));
        DestinationGuard guard = new DestinationGuard(false, List.of(), host -> new InetAddress[] {answers.pop()});
        try (Peer peer = new Peer(exchange -> {
                    requests.incrementAndGet();
                    answer(exchange, 200, "internal");
                });
                GuardedHttp http = new GuardedHttp(() -> guard)) {
            URI url = URI.create("http://rebind.example:" + peer.port() + "/hook");
            assertThat(guard.resolveAllowed(url)).containsExactly(InetAddress.getByName("203.0.113.7"));

            SendResult result =
                    http.post(url, Map.of(), new byte[0], "application/json", Duration.ofSeconds(5), CLOCK, true);

            assertThat(result.kind()).isEqualTo(Kind.PERMANENT);
            assertThat(result.answer()).contains("rebind.example").contains("a loopback address");
            assertThat(requests).hasValue(0);
            assertThat(answers).isEmpty(); // the client asked the guard, which looked the name up once more
        }
    }

    @Test
    void aLoopbackReceiverIsRefusedWithoutAnAllowList() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (Peer peer = new Peer(exchange -> {
                    requests.incrementAndGet();
                    answer(exchange, 200, "");
                });
                GuardedHttp http = new GuardedHttp(() -> new DestinationGuard(false, List.of()))) {
            for (String host : List.of("127.0.0.1", "localhost", "[::ffff:127.0.0.1]", "0177.0.0.1", "127.1")) {
                SendResult result = http.post(
                        URI.create("http://" + host + ":" + peer.port() + "/hook"),
                        Map.of(),
                        new byte[0],
                        "application/json",
                        Duration.ofSeconds(5),
                        CLOCK,
                        true);
                assertThat(result.kind()).as(host).isEqualTo(Kind.PERMANENT);
            }
            assertThat(requests).hasValue(0);
        }
    }

    @Test
    void answersCountAsForEveryProviderAndALongOneIsCut() throws Exception {
        try (Peer peer = new Peer(exchange -> {
                    exchange.getResponseHeaders().add("Retry-After", "60");
                    answer(exchange, 503, "busy ".repeat(10_000));
                });
                GuardedHttp http = new GuardedHttp(() -> new DestinationGuard(false, List.of("127.0.0.1/32")))) {
            SendResult result = http.post(
                    URI.create("http://127.0.0.1:" + peer.port() + "/hook"),
                    Map.of(),
                    new byte[0],
                    "application/json",
                    Duration.ofSeconds(5),
                    CLOCK,
                    true);
            assertThat(result.kind()).isEqualTo(Kind.TRANSIENT);
            assertThat(result.statusCode()).isEqualTo(503);
            assertThat(result.retryAfter()).isEqualTo(Duration.ofMinutes(1));
            assertThat(result.answer()).startsWith("busy busy").hasSizeLessThanOrEqualTo(SendResult.ANSWER_LIMIT);
        }
    }

    @Test
    void aReceiverThatStallsInTheBodyTimesOutWithinTheRequestsTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Peer peer = new Peer(Peer.stallingInBody(release));
                GuardedHttp http = new GuardedHttp(() -> new DestinationGuard(false, List.of("127.0.0.1/32")))) {
            long start = System.nanoTime();
            SendResult result = http.post(
                    URI.create("http://127.0.0.1:" + peer.port() + "/hook"),
                    Map.of(),
                    new byte[0],
                    "application/json",
                    Duration.ofSeconds(1),
                    CLOCK,
                    true);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            release.countDown();
            assertThat(result.kind()).isEqualTo(Kind.TRANSIENT);
            assertThat(result.answer()).isEqualTo("timed out");
            assertThat(took).isLessThan(Duration.ofSeconds(10));
        }
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
