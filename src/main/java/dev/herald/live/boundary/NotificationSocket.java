package dev.herald.live.boundary;

import dev.herald.inbox.control.Inbox;
import dev.herald.inbox.entity.StateChange;
import dev.herald.live.control.HandshakePasses;
import dev.herald.live.control.LiveSession;
import dev.herald.live.control.SessionRegistry;
import dev.herald.live.entity.LiveTicket;
import dev.herald.platform.control.JsonFactory;
import dev.herald.platform.control.LogLimiter;
import dev.herald.platform.control.RootCause;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code /ws/notifications}: the live channel. Opened with a one-time ticket ({@code ?ticket=}); sends JSON frames
 * ({@code notification.created|updated|deleted}, {@code unread.count}, {@code gap}, {@code preferences.updated},
 * {@code error}); accepts {@code resume}, {@code read}, {@code seen}, {@code read-all} and {@code seen-all}. Inbound
 * frames are limited to 64 KiB (1009) and a rate (1008).
 */
@ServerEndpoint("/ws/notifications")
@Dependent
public class NotificationSocket {
    private static final Logger LOG = Logger.getLogger(NotificationSocket.class.getName());
    /** Socket errors can come from every client at once (a network blip): one line a minute at most. */
    private static final LogLimiter ERRORS = new LogLimiter(LOG, Duration.ofMinutes(1), Clock.systemUTC());

    static final int MAX_MESSAGE = 64 * 1024;
    /** The container's buffer: larger, so an oversized frame reaches {@link #message} and is refused with 1009. */
    static final int BUFFER = 1024 * 1024;

    @Inject
    HandshakePasses passes;

    @Inject
    SessionRegistry registry;

    @Inject
    Inbox inbox;

    @Inject
    Clock clock;

    private LiveSession live;

    @OnOpen
    public void open(Session socket) throws IOException {
        List<String> ticket = socket.getRequestParameterMap().get("ticket");
        Optional<LiveTicket> redeemed = passes.claim(ticket == null || ticket.isEmpty() ? null : ticket.get(0));
        if (redeemed.isEmpty()) {
            refuse(socket, "unauthorized: a valid ticket is required");
            return;
        }
        if (!redeemed.get().tokenExpiresAt().isAfter(clock.instant())) {
            refuse(socket, "token expired");
            return;
        }
        // no container idle timeout: it re-arms a timer on every frame read; the registry's pings close a silent socket
        socket.setMaxIdleTimeout(0);
        socket.setMaxTextMessageBufferSize(BUFFER);
        live = registry.open(socket, redeemed.get()).orElse(null);
        if (live == null) {
            refuse(socket, "too many connections for this user");
        }
    }

    @OnMessage
    public void pong(PongMessage pong) {
        if (live != null) {
            live.heard();
        }
    }

    @OnMessage
    public void message(String text) {
        if (live == null) {
            return;
        }
        live.heard();
        if (text.length() > MAX_MESSAGE || text.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE) {
            live.close(CloseReason.CloseCodes.TOO_BIG, "message larger than 64 KiB");
            return;
        }
        if (!live.allowInbound()) {
            live.close(CloseReason.CloseCodes.VIOLATED_POLICY, "rate limit exceeded");
            return;
        }
        JsonObject message;
        try (JsonReader reader = JsonFactory.strictReader(text)) {
            message = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            live.error("messages are JSON objects with a type");
            return;
        }
        switch (message.getString("type", "")) {
            case "resume" -> resume(message);
            case "read" -> inbox.change(
                    live.user(), message.getString("id", ""), StateChange.of(StateChange.Action.READ), clock.instant());
            case "seen" -> inbox.change(
                    live.user(), message.getString("id", ""), StateChange.of(StateChange.Action.SEEN), clock.instant());
            case "read-all" -> inbox.changeAll(
                    live.user(), StateChange.of(StateChange.Action.READ), null, null, clock.instant());
            case "seen-all" -> inbox.changeAll(
                    live.user(), StateChange.of(StateChange.Action.SEEN), null, null, clock.instant());
            default -> live.error("unknown message type; use resume, read, seen, read-all or seen-all");
        }
    }

    private void resume(JsonObject message) {
        if (!(message.get("after") instanceof JsonNumber after) || after.longValue() < 0) {
            live.error("resume needs \"after\": the last seq the client has (0 for none)");
            return;
        }
        live.resume(after.longValue());
    }

    @OnClose
    public void close(Session socket, CloseReason reason) {
        if (live != null) {
            registry.closed(live);
        }
    }

    /**
     * A client that goes away mid-write is an I/O error and normal (logged at FINE); anything else is logged as a
     * warning, rate-limited. Either way the session is unregistered; the container closes the socket.
     */
    @OnError
    public void error(Session socket, Throwable failure) {
        if (RootCause.of(failure) instanceof IOException) {
            LOG.fine(() -> "A live socket ended with an I/O error: " + failure);
        } else {
            ERRORS.log(
                    Level.WARNING,
                    "A live socket failed: " + failure.getClass().getName() + ": " + RootCause.message(failure));
            LOG.log(Level.FINE, "Live socket failure", failure);
        }
        if (live != null) {
            registry.closed(live);
        }
    }

    private static void refuse(Session socket, String reason) throws IOException {
        socket.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, reason));
    }
}
