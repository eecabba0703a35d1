package dev.herald.channel.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.herald.channel.entity.SendResult;
import dev.herald.channel.entity.SendResult.Kind;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpOutcomesTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @ParameterizedTest
    @ValueSource(ints = {200, 201, 202, 204, 299})
    void a2xxIsDeliveredWhenTheProviderConfirmsAndSentOtherwise(int status) {
        SendResult confirmed = HttpOutcomes.of(status, "ok", Optional.empty(), NOW, true);
        assertThat(confirmed.kind()).isEqualTo(Kind.DELIVERED);
        assertThat(confirmed.statusCode()).isEqualTo(status);
        assertThat(confirmed.answer()).isEqualTo("ok");
        SendResult taken = HttpOutcomes.of(status, "queued", Optional.empty(), NOW, false);
        assertThat(taken.kind()).isEqualTo(Kind.SENT);
        assertThat(taken.succeeded()).isTrue();
        assertThat(taken.answer()).isEqualTo("queued");
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 425, 429, 500, 502, 503, 504, 599})
    void timeoutsTooEarlyTooManyAndServerErrorsAreTransient(int status) {
        SendResult result = HttpOutcomes.of(status, "busy", Optional.empty(), NOW, true);
        assertThat(result.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(result.statusCode()).isEqualTo(status);
        assertThat(result.answer()).isEqualTo("busy");
        assertThat(result.retryAfter()).isNull();
    }

    @Test
    void retryAfterInSecondsIsKeptWithATransientFailure() {
        SendResult result = HttpOutcomes.of(429, "slow down", Optional.of("120"), NOW, true);
        assertThat(result.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void retryAfterAsAnHttpDateCountsFromNow() {
        SendResult result = HttpOutcomes.of(503, "", Optional.of("Sun, 22 Nov 2026 10:05:00 GMT"), NOW, false);
        assertThat(result.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(result.retryAfter()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aNegativeOrGarbageRetryAfterIsIgnored() {
        assertThat(HttpOutcomes.of(503, "", Optional.of("-5"), NOW, true).retryAfter())
                .isNull();
        assertThat(HttpOutcomes.of(503, "", Optional.of("soon"), NOW, true).retryAfter())
                .isNull();
        assertThat(HttpOutcomes.of(503, "", Optional.of(""), NOW, true).retryAfter())
                .isNull();
        assertThat(HttpOutcomes.of(503, "", Optional.of("-5"), NOW, true).kind())
                .isEqualTo(Kind.TRANSIENT);
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 301, 302, 303, 307, 308})
    void aRedirectIsPermanentAndNotFollowed(int status) {
        SendResult result =
                HttpOutcomes.of(status, "<a href=\"http://10.0.0.1/\">moved</a>", Optional.empty(), NOW, true);
        assertThat(result.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(result.statusCode()).isEqualTo(status);
        assertThat(result.answer()).isEqualTo("redirects are not followed");
        assertThat(result.forgetTarget()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 405, 410, 413, 422})
    void anyOther4xxIsPermanentWithTheProvidersAnswer(int status) {
        SendResult result = HttpOutcomes.of(status, "bad request", Optional.of("30"), NOW, true);
        assertThat(result.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(result.statusCode()).isEqualTo(status);
        assertThat(result.answer()).isEqualTo("bad request");
        assertThat(result.retryAfter()).isNull();
        assertThat(result.forgetTarget()).isFalse();
    }

    @Test
    void aRefusedConnectionIsTransientAndNamedWithoutTheAddress() {
        SendResult result = HttpOutcomes.of(new ConnectException("Connection refused: hooks.example/10.0.0.7:443"));
        assertThat(result.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(result.statusCode()).isNull();
        assertThat(result.retryAfter()).isNull();
        assertThat(result.answer()).isEqualTo("connection refused");
    }

    @Test
    void timeoutsAreTransientAndToldApart() {
        SendResult connect = HttpOutcomes.of(new HttpConnectTimeoutException("HTTP connect timed out: 10.0.0.7"));
        assertThat(connect.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(connect.answer()).isEqualTo("connect timed out");
        SendResult request = HttpOutcomes.of(new HttpTimeoutException("request timed out"));
        assertThat(request.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(request.answer()).isEqualTo("timed out");
    }

    @Test
    void anyOtherIoFailureIsTransientAndNamedByItsClass() {
        SendResult result = HttpOutcomes.of(new EOFException("EOF reached while reading from 10.0.0.7"));
        assertThat(result.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(result.answer()).isEqualTo("EOFException");
    }

    @Test
    void retryAfterReadsWholeSecondsAroundBlanks() {
        assertThat(HttpOutcomes.retryAfter("0", NOW)).contains(Duration.ZERO);
        assertThat(HttpOutcomes.retryAfter("30", NOW)).contains(Duration.ofSeconds(30));
        assertThat(HttpOutcomes.retryAfter(" 30 ", NOW)).contains(Duration.ofSeconds(30));
    }

    @Test
    void retryAfterInSecondsIsCappedAtOneDay() {
        assertThat(HttpOutcomes.retryAfter("86400", NOW)).contains(Duration.ofDays(1));
        assertThat(HttpOutcomes.retryAfter("999999999", NOW)).contains(Duration.ofDays(1));
    }

    @Test
    void retryAfterReadsAnHttpDateRelativeToNow() {
        assertThat(HttpOutcomes.retryAfter("Sun, 22 Nov 2026 10:05:00 GMT", NOW))
                .contains(Duration.ofMinutes(5));
        assertThat(HttpOutcomes.retryAfter("Sun, 22 Nov 2026 10:00:01 GMT", NOW))
                .contains(Duration.ofSeconds(1));
    }

    @Test
    void retryAfterAsADateNowOrPastMeansAtOnce() {
        assertThat(HttpOutcomes.retryAfter("Sun, 22 Nov 2026 10:00:00 GMT", NOW))
                .contains(Duration.ZERO);
        assertThat(HttpOutcomes.retryAfter("Sun, 22 Nov 2026 09:00:00 GMT", NOW))
                .contains(Duration.ZERO);
    }

    @Test
    void retryAfterThatIsNeitherSecondsNorAnHttpDateIsEmpty() {
        assertThat(HttpOutcomes.retryAfter("-1", NOW)).isEmpty();
        assertThat(HttpOutcomes.retryAfter("1.5", NOW)).isEmpty();
        assertThat(HttpOutcomes.retryAfter("later", NOW)).isEmpty();
        assertThat(HttpOutcomes.retryAfter("", NOW)).isEmpty();
        assertThat(HttpOutcomes.retryAfter("2026-11-22T10:05:00Z", NOW)).isEmpty();
        // the day of the week must match the date
        assertThat(HttpOutcomes.retryAfter("Mon, 22 Nov 2026 10:05:00 GMT", NOW))
                .isEmpty();
    }

    @Test
    void exchangeClassifiesTheAnswerWithRetryAfterFromTheClock() throws Exception {
        try (Peer peer = new Peer(exchange -> {
            exchange.getResponseHeaders().add("Retry-After", "Sun, 22 Nov 2026 10:01:00 GMT");
            answer(exchange, 503, "down for maintenance");
        })) {
            SendResult result =
                    HttpOutcomes.exchange(client(), peer.request(5), Clock.fixed(NOW, ZoneOffset.UTC), true);
            assertThat(result.kind()).isEqualTo(Kind.TRANSIENT);
            assertThat(result.statusCode()).isEqualTo(503);
            assertThat(result.answer()).isEqualTo("down for maintenance");
            assertThat(result.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        }
    }

    @Test
    void exchangeKeepsAShortenedAnswerOfALargeBody() throws Exception {
        try (Peer peer = new Peer(exchange -> answer(exchange, 400, "x ".repeat(50_000)))) {
            SendResult result =
                    HttpOutcomes.exchange(client(), peer.request(5), Clock.fixed(NOW, ZoneOffset.UTC), false);
            assertThat(result.kind()).isEqualTo(Kind.PERMANENT);
            assertThat(result.answer()).hasSizeLessThanOrEqualTo(SendResult.ANSWER_LIMIT);
        }
    }

    @Test
    void exchangeTurnsARefusedConnectionIntoATransientFailure() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hook"))
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        SendResult result = HttpOutcomes.exchange(client(), request, Clock.fixed(NOW, ZoneOffset.UTC), true);
        assertThat(result.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(result.answer()).isEqualTo("connection refused");
    }

    @Test
    void aReceiverThatStallsInTheBodyTimesOutWithinTheRequestsTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Peer peer = new Peer(Peer.stallingInBody(release))) {
            long start = System.nanoTime();
            SendResult result =
                    HttpOutcomes.exchange(client(), peer.request(1), Clock.fixed(NOW, ZoneOffset.UTC), true);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            release.countDown();
            assertThat(result.kind()).isEqualTo(Kind.TRANSIENT);
            assertThat(result.answer()).isEqualTo("timed out");
            assertThat(took).isLessThan(Duration.ofSeconds(10));
        }
    }

    private static HttpClient client() {
        return HttpOutcomes.client(5);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A real HTTP server on a free local port, answering every request with {@code handler}. */
    static final class Peer implements AutoCloseable {
        private final HttpServer server;

        Peer(HttpHandler handler) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", handler);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        /** Answers 200 and one byte of body, then nothing until {@code release} (at most 30 s). */
        static HttpHandler stallingInBody(CountDownLatch release) {
            return exchange -> {
                exchange.sendResponseHeaders(200, 0);
                exchange.getResponseBody().write('{');
                exchange.getResponseBody().flush();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            };
        }

        HttpRequest request(int timeoutSeconds) {
            return HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"))
                    .timeout(Duration.ofSeconds(timeoutSeconds))
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
