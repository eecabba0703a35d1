package dev.herald.testing;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** A real WebSocket client (the JDK's) on {@code /ws/notifications}, collecting every frame it receives. */
public final class LiveClient implements WebSocket.Listener {
    /** How a socket was closed. */
    public record Closed(int code, String reason) {}

    private final List<JsonObject> frames = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();
    private WebSocket socket;

    public static LiveClient connect(URI uri, String origin) {
        LiveClient client = new LiveClient();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        client.socket =
                builder.buildAsync(uri, client).orTimeout(30, TimeUnit.SECONDS).join();
        return client;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try (JsonReader reader = Json.createReader(new StringReader(partial.toString()))) {
                frames.add(reader.readObject());
            }
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    /** The JDK answers each ping with a pong itself; this counts them. */
    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, java.nio.ByteBuffer message) {
        pings.incrementAndGet();
        return WebSocket.Listener.super.onPing(webSocket, message);
    }

    /** Pings the server sent this socket so far. */
    public int pings() {
        return pings.get();
    }

    /** Whether the socket has been closed (by either side). */
    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(new Closed(-1, String.valueOf(error)));
    }

    public void send(String text) {
        socket.sendText(text, true).orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** Sends without waiting for the send to complete (a server that closes mid-frame never lets it complete). */
    public void sendAndForget(String text) {
        socket.sendText(text, true);
    }

    public void resume(long after) {
        send("{\"type\":\"resume\",\"after\":" + after + "}");
    }

    public List<JsonObject> frames() {
        return List.copyOf(frames);
    }

    public List<JsonObject> frames(String type) {
        return frames.stream().filter(f -> type.equals(f.getString("type"))).toList();
    }

    /** Waits until a frame matching {@code condition} has arrived; answers it. */
    public JsonObject await(Predicate<JsonObject> condition, Duration timeout) {
        return Awaitility.await()
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> frames.stream().filter(condition).findFirst(), java.util.Optional::isPresent)
                .orElseThrow();
    }

    /** Waits until at least {@code count} frames of {@code type} have arrived; answers them. */
    public List<JsonObject> awaitFrames(String type, int count, Duration timeout) {
        return Awaitility.await()
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> frames(type), list -> list.size() >= count);
    }

    public Closed awaitClose(Duration timeout) {
        return closed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    public boolean isOpen() {
        return !closed.isDone();
    }

    public void close() {
        if (!closed.isDone()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                    .orTimeout(10, TimeUnit.SECONDS)
                    .exceptionally(e -> null)
                    .join();
        }
    }

    public static long seq(JsonObject frame) {
        return frame.getJsonNumber("seq").longValue();
    }
}
