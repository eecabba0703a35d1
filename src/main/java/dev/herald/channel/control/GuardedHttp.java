package dev.herald.channel.control;

import dev.herald.channel.entity.SendResult;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The one HTTP client for addresses a user or admin gave (webhooks, push endpoints). Its resolver is the {@link
 * DestinationGuard}: every name is looked up once, all of its addresses are checked, and the client connects only to
 * those (no second look-up a rebinding DNS could answer differently). TLS still checks the certificate against the
 * host name of the URL. Redirects are never followed, no proxy is used, and the whole exchange, body included, ends
 * within the request's timeout; at most 2 KiB of the answer is read (it is kept with the attempt, shortened). The
 * answer counts as {@link HttpOutcomes} says.
 */
public final class GuardedHttp implements AutoCloseable {
    private static final int BODY_LIMIT = 2048;
    private static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(5);

    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines;

    public GuardedHttp(Supplier<DestinationGuard> guard) {
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardResolver(guard))
                        .setTlsSocketStrategy(DefaultClientTlsStrategy.createSystemDefault())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(CONNECT_TIMEOUT)
                                .build())
                        .setMaxConnTotal(200)
                        .setMaxConnPerRoute(10)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("Herald")
                .build();
        this.deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "herald-http-deadlines");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * POSTs {@code body} to {@code url} with {@code headers} and classifies the answer; {@code confirms}: a 2xx means
     * delivered (else sent).
     */
    public SendResult post(
            URI url,
            Map<String, String> headers,
            byte[] body,
            String contentType,
            Duration timeout,
            Clock clock,
            boolean confirms) {
        HttpPost post = new HttpPost(url);
        post.setConfig(RequestConfig.custom()
                .setResponseTimeout(Timeout.of(timeout))
                .setRedirectsEnabled(false)
                .build());
        headers.forEach(post::setHeader);
        post.setEntity(new ByteArrayEntity(body, ContentType.parse(contentType)));
        ScheduledFuture<?> deadline = deadlines.schedule(post::cancel, timeout.toMillis(), TimeUnit.MILLISECONDS);
        ClassicHttpResponse response = null;
        try {
            response = client.executeOpen(null, post, null);
            String answer = firstBytes(response.getEntity(), post);
            return HttpOutcomes.of(
                    response.getCode(),
                    answer,
                    Optional.ofNullable(response.getFirstHeader("Retry-After")).map(Header::getValue),
                    clock.instant(),
                    confirms);
        } catch (Refused e) {
            return SendResult.permanentFailure(null, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return failed(e, post.isCancelled());
        } finally {
            deadline.cancel(false);
            discard(response);
        }
    }

    private static void discard(ClassicHttpResponse response) {
        if (response == null) {
            return;
        }
        try {
            response.close();
        } catch (IOException e) {
            // the answer is read and classified; a connection that does not close cleanly is not reused
        }
    }

    /**
     * The first 2 KiB of the answer. A longer one is not read on: the exchange is aborted (its connection discarded,
     * not drained), so a receiver cannot hold a worker with an endless body.
     */
    private static String firstBytes(HttpEntity entity, HttpPost post) throws IOException {
        if (entity == null) {
            return "";
        }
        InputStream in = entity.getContent();
        byte[] first = in.readNBytes(BODY_LIMIT + 1);
        if (first.length > BODY_LIMIT) {
            post.cancel();
            return new String(first, 0, BODY_LIMIT, StandardCharsets.UTF_8);
        }
        in.close();
        return new String(first, StandardCharsets.UTF_8);
    }

    /** A failure to exchange at all: transient, named as {@link HttpOutcomes} names it, without the address. */
    private static SendResult failed(Exception e, boolean pastDeadline) {
        if (pastDeadline) {
            return SendResult.transientFailure(null, "timed out", null);
        }
        return e instanceof IOException io
                ? HttpOutcomes.of(io)
                : SendResult.transientFailure(null, e.getClass().getSimpleName(), null);
    }

    @Override
    public void close() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }

    /** A look-up the guard refused: permanent, with the guard's reason. */
    static final class Refused extends UnknownHostException {
        Refused(String reason) {
            super(reason);
        }
    }

    /** The guard as the client's resolver: the addresses it approved, or a refusal. */
    private record GuardResolver(Supplier<DestinationGuard> guard) implements DnsResolver {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            try {
                return guard.get().addressesOf(host);
            } catch (DestinationRefusedException e) {
                throw new Refused(e.getMessage());
            }
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }
}
