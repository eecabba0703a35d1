package dev.herald.channel.control;

import dev.herald.channel.entity.SendResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * How an HTTP provider's answer counts, the same for webhooks, push services and SMS providers: 2xx succeeded; 408,
 * 425, 429 and 5xx are transient (retried, not before {@code Retry-After}); a redirect is permanent (never followed,
 * so a receiver cannot bounce Herald into another network); any other 4xx is permanent. A connection refused, reset
 * or timed out is transient.
 */
public final class HttpOutcomes {
    private static final int BODY_LIMIT = 2048;

    /** The longest wait a provider's {@code Retry-After} can ask for: a day (a far date must not park a delivery). */
    static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private HttpOutcomes() {}

    /** An HTTP client for a provider: redirects never followed, connecting within 5 s (or the timeout if shorter). */
    public static HttpClient client(long timeoutSeconds) {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(Math.min(timeoutSeconds, 5)))
                .build();
    }

    /**
     * Sends {@code request} and classifies the answer, reading at most 2 KiB of its body (a provider's answer is kept
     * with the attempt, shortened). The whole exchange, body included, must end within the request's timeout (a
     * receiver that sends headers and then stalls must not hold a worker). {@code confirms}: a 2xx means delivered (else
     * sent).
     */
    public static SendResult exchange(HttpClient http, HttpRequest request, Clock clock, boolean confirms) {
        Duration deadline = request.timeout().orElse(Duration.ofSeconds(30));
        CompletableFuture<HttpResponse<byte[]>> call = http.sendAsync(request, info -> new LimitedBody(BODY_LIMIT));
        try {
            HttpResponse<byte[]> response = call.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return of(
                    response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8),
                    response.headers().firstValue("Retry-After"),
                    clock.instant(),
                    confirms);
        } catch (TimeoutException e) {
            call.cancel(true);
            return SendResult.transientFailure(null, "timed out", null);
        } catch (ExecutionException e) {
            return e.getCause() instanceof IOException io
                    ? of(io)
                    : SendResult.transientFailure(null, e.getCause().getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return SendResult.transientFailure(null, "interrupted", null);
        }
    }

    /** Keeps the first {@code limit} bytes of a body, then cancels the rest. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private Flow.Subscription subscription;

        LimitedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                int take = Math.min(buffer.remaining(), limit - bytes.size());
                byte[] chunk = new byte[take];
                buffer.get(chunk);
                bytes.write(chunk, 0, take);
            }
            if (bytes.size() >= limit) {
                subscription.cancel();
                body.complete(bytes.toByteArray());
            } else {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable failure) {
            body.completeExceptionally(failure);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }
    }

    public static SendResult of(int status, String body, Optional<String> retryAfter, Instant now, boolean confirms) {
        if (status >= 200 && status < 300) {
            return confirms ? SendResult.delivered(status, body) : SendResult.sent(status, body);
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return SendResult.transientFailure(
                    status, body, retryAfter.flatMap(v -> retryAfter(v, now)).orElse(null));
        }
        if (status >= 300 && status < 400) {
            return SendResult.permanentFailure(status, "redirects are not followed");
        }
        return SendResult.permanentFailure(status, body);
    }

    /**
     * A failure to exchange at all, from the JDK's client or Apache's ({@link GuardedHttp}): transient, named without
     * the address.
     */
    public static SendResult of(IOException e) {
        String what = e instanceof HttpConnectTimeoutException || e instanceof ConnectTimeoutException
                ? "connect timed out"
                : e instanceof HttpTimeoutException || e instanceof InterruptedIOException
                        ? "timed out"
                        : e instanceof ConnectException
                                ? "connection refused"
                                : e instanceof UnknownHostException
                                        ? "the host does not resolve"
                                        : e.getClass().getSimpleName();
        return SendResult.transientFailure(null, what, null);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** {@code Retry-After} as seconds or an HTTP date (at most a day); empty when it is neither. */
    static Optional<Duration> retryAfter(String value, Instant now) {
        String v = value.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0
                    ? Optional.empty()
                    : Optional.of(Duration.ofSeconds(Math.min(seconds, MAX_RETRY_AFTER.toSeconds())));
        } catch (NumberFormatException notSeconds) {
            // not seconds: Retry-After may also be an HTTP date
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return Optional.of(at.isAfter(now) ? min(Duration.between(now, at), MAX_RETRY_AFTER) : Duration.ZERO);
            } catch (DateTimeParseException notADate) {
                // an unreadable Retry-After is ignored: the retry policy decides the delay
                return Optional.empty();
            }
        }
    }
}
