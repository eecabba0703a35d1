package dev.herald.channel.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.channel.entity.SendResult;
import dev.herald.channel.entity.SendResult.Kind;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.ConnectException;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
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
    void exchangeClassifiesTheAnswerWithRetryAfterFromTheClock() {
        FakeHttp http = new FakeHttp(request -> new FakeResponse(
                request, 503, "down for maintenance", Map.of("Retry-After", List.of("Sun, 22 Nov 2026 10:01:00 GMT"))));
        SendResult result = HttpOutcomes.exchange(http, request(), Clock.fixed(NOW, ZoneOffset.UTC), true);
        assertThat(result.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(result.statusCode()).isEqualTo(503);
        assertThat(result.answer()).isEqualTo("down for maintenance");
        assertThat(result.retryAfter()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void exchangeReadsAtMostTwoKibibytesOfTheBody() {
        String body = "x ".repeat(5000);
        FakeHttp http = new FakeHttp(request -> new FakeResponse(request, 400, body, Map.of()));
        SendResult result = HttpOutcomes.exchange(http, request(), Clock.fixed(NOW, ZoneOffset.UTC), false);
        assertThat(result.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(result.answer()).hasSizeLessThanOrEqualTo(SendResult.ANSWER_LIMIT);
        assertThat(http.answered.bytesRead()).isEqualTo(2048);
    }

    @Test
    void exchangeTurnsAnIoFailureIntoATransientOne() {
        FakeHttp http = new FakeHttp(request -> {
            throw new ConnectException("Connection refused: 10.0.0.7");
        });
        SendResult result = HttpOutcomes.exchange(http, request(), Clock.fixed(NOW, ZoneOffset.UTC), true);
        assertThat(result.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(result.answer()).isEqualTo("connection refused");
    }

    @Test
    void exchangeInterruptedIsTransientAndKeepsTheInterrupt() {
        FakeHttp http = new FakeHttp(request -> {
            throw new InterruptedException();
        });
        try {
            SendResult result = HttpOutcomes.exchange(http, request(), Clock.fixed(NOW, ZoneOffset.UTC), true);
            assertThat(result.kind()).isEqualTo(Kind.TRANSIENT);
            assertThat(result.answer()).isEqualTo("interrupted");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    static HttpRequest request() {
        return HttpRequest.newBuilder(URI.create("https://hooks.example/herald"))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
    }

    interface Answer {
        FakeResponse answer(HttpRequest request) throws IOException, InterruptedException;
    }

    /** An HTTP client that answers from {@link Answer} instead of the network. */
    static final class FakeHttp extends HttpClient {
        final Answer answer;
        FakeResponse answered;

        FakeHttp(Answer answer) {
            this.answer = answer;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
                throws IOException, InterruptedException {
            answered = answer.answer(request);
            return (HttpResponse<T>) answered;
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(
                HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(
                HttpRequest request,
                HttpResponse.BodyHandler<T> handler,
                HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<CookieHandler> cookieHandler() {
            return Optional.empty();
        }

        @Override
        public Optional<Duration> connectTimeout() {
            return Optional.empty();
        }

        @Override
        public Redirect followRedirects() {
            return Redirect.NEVER;
        }

        @Override
        public Optional<ProxySelector> proxy() {
            return Optional.empty();
        }

        @Override
        public SSLContext sslContext() {
            throw new UnsupportedOperationException();
        }

        @Override
        public SSLParameters sslParameters() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Authenticator> authenticator() {
            return Optional.empty();
        }

        @Override
        public Version version() {
            return Version.HTTP_1_1;
        }

        @Override
        public Optional<Executor> executor() {
            return Optional.empty();
        }
    }

    /** A response whose body stream counts what was read from it. */
    static final class FakeResponse implements HttpResponse<InputStream> {
        final HttpRequest request;
        final int status;
        final ByteArrayInputStream body;
        final int size;
        final HttpHeaders headers;

        FakeResponse(HttpRequest request, int status, String body, Map<String, List<String>> headers) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            this.request = request;
            this.status = status;
            this.body = new ByteArrayInputStream(bytes);
            this.size = bytes.length;
            this.headers = HttpHeaders.of(headers, (name, value) -> true);
        }

        int bytesRead() {
            return size - body.available();
        }

        @Override
        public int statusCode() {
            return status;
        }

        @Override
        public HttpRequest request() {
            return request;
        }

        @Override
        public Optional<HttpResponse<InputStream>> previousResponse() {
            return Optional.empty();
        }

        @Override
        public HttpHeaders headers() {
            return headers;
        }

        @Override
        public InputStream body() {
            return body;
        }

        @Override
        public Optional<SSLSession> sslSession() {
            return Optional.empty();
        }

        @Override
        public URI uri() {
            return request.uri();
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }

    @Test
    void retryAfterAsAFarHttpDateIsCappedAtOneDayLikeSeconds() {
        assertThat(HttpOutcomes.retryAfter("999999999", NOW)).contains(Duration.ofDays(1));
        assertThat(HttpOutcomes.retryAfter("Fri, 31 Dec 9999 23:59:59 GMT", NOW))
                .contains(Duration.ofDays(1));
    }
}
