package dev.herald.bench;

import dev.herald.devmode.control.TokenSigner;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Many real WebSocket clients (the JDK's), one per user: ticket, connect, resume, count frames; on a close they
 * reconnect when a restarting server said to (its reconnect frame) or else with exponential backoff and full jitter,
 * resuming from the last seq they saw, like herald-client.js.
 */
final class SocketFleet implements AutoCloseable {
    /** Looked up once: {@code Json.createReader} scans the class path for a provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final URI base;
    private final TokenSigner signer;
    /**
     * HTTP/1.1, as many browsers are: each its own connections. The JDK's default (HTTP/2, upgraded over plain http)
     * carried every user's ticket request over one multiplexed connection, which no real set of clients does.
     */
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ScheduledExecutorService retries = Executors.newScheduledThreadPool(2);
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final BiConsumer<String, String> onCreated;
    final AtomicInteger resumed = new AtomicInteger();
    final AtomicLong created = new AtomicLong();
    volatile boolean reconnect = true;

    /** {@code onCreated} gets the user and the text of each {@code notification.created} frame. */
    SocketFleet(URI base, TokenSigner signer, BiConsumer<String, String> onCreated) {
        this.base = base;
        this.signer = signer;
        this.onCreated = onCreated;
    }

    /** Opens one socket per user, {@code parallel} handshakes at a time; answers when all are open and resumed. */
    void open(List<String> users, int parallel) throws Exception {
        Semaphore slots = new Semaphore(parallel);
        int before = resumed.get();
        for (String user : users) {
            slots.acquire();
            Client client = new Client(user);
            clients.put(user, client);
            client.connect().whenComplete((ok, failure) -> slots.release());
        }
        awaitResumed(before + users.size(), Duration.ofMinutes(10));
    }

    void awaitResumed(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (resumed.get() < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + resumed.get() + " of " + count + " sockets resumed");
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    int size() {
        return clients.size();
    }

    @Override
    public void close() {
        reconnect = false;
        clients.values().forEach(Client::close);
        retries.shutdownNow();
    }

    private String ticket(String user) throws Exception {
        Instant now = Instant.now();
        // a week: in the smoke run on the shared test server, other suites have moved Herald's clock ahead
        String token = signer.sign(user, List.of("user"), now, now.plus(Duration.ofDays(7)));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(base.resolve("/api/live/tickets"))
                        .timeout(Duration.ofSeconds(10))
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("ticket " + response.statusCode());
        }
        try (JsonReader reader = JSON.createReader(new StringReader(response.body()))) {
            return reader.readObject().getString("ticket");
        }
    }

    /** The first {@code "name":<number>} in a frame. */
    static long numberField(String json, String name) {
        String key = "\"" + name + "\":";
        int start = json.indexOf(key) + key.length();
        int end = start;
        while (end < json.length() && (Character.isDigit(json.charAt(end)) || json.charAt(end) == '-')) {
            end++;
        }
        return Long.parseLong(json.substring(start, end));
    }

    /** The first {@code "name":"<string without escapes>"} in a frame. */
    static String stringField(String json, String name) {
        String key = "\"" + name + "\":\"";
        int start = json.indexOf(key) + key.length();
        return json.substring(start, json.indexOf('"', start));
    }

    private final class Client implements WebSocket.Listener {
        final String user;
        final StringBuilder partial = new StringBuilder();
        volatile WebSocket socket;
        volatile long lastSeq;
        volatile boolean awaitingResume;
        /** When the server, restarting, said to come back (a reconnect frame); -1 when it did not. */
        volatile long reconnectAfterMs = -1;
        int attempt;

        Client(String user) {
            this.user = user;
        }

        CompletableFuture<WebSocket> connect() {
            awaitingResume = true;
            try {
                URI uri = URI.create("ws://" + base.getRawAuthority() + "/ws/notifications?ticket=" + ticket(user));
                // a handshake against a server that is going down can hang: time out and retry instead
                return http.newWebSocketBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .buildAsync(uri, this)
                        .orTimeout(15, TimeUnit.SECONDS)
                        .whenComplete((ws, failure) -> {
                    if (failure != null) {
                        retry();
                    } else {
                        socket = ws;
                        ws.sendText("{\"type\":\"resume\",\"after\":" + lastSeq + "}", true);
                    }
                });
            } catch (Exception e) {
                retry();
                return CompletableFuture.failedFuture(e);
            }
        }

        void retry() {
            if (!reconnect) {
                return;
            }
            long hint = reconnectAfterMs;
            reconnectAfterMs = -1;
            long ceiling = Math.min(5_000, 200L << Math.min(attempt++, 5));
            long delay = hint >= 0 ? hint : ThreadLocalRandom.current().nextLong(ceiling + 1);
            retries.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                if (text.startsWith("{\"type\":\"notification.created\"")) {
                    // the load generator shares the cores with the server: read the two fields it needs, no parser
                    lastSeq = Math.max(lastSeq, numberField(text, "seq"));
                    created.incrementAndGet();
                    onCreated.accept(user, text);
                } else if (text.startsWith("{\"type\":\"reconnect\"")) {
                    reconnectAfterMs = numberField(text, "afterMs");
                } else if (awaitingResume && text.contains("\"unread.count\"")) {
                    // the first unread.count after a connect answers the resume
                    awaitingResume = false;
                    attempt = 0;
                    resumed.incrementAndGet();
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            retry();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            retry();
        }

        void close() {
            WebSocket ws = socket;
            if (ws != null) {
                ws.abort();
            }
        }
    }
}
