package dev.herald.live.control;

import dev.herald.inbox.control.ChannelReports;
import dev.herald.inbox.control.Inbox;
import dev.herald.inbox.entity.Notification;
import dev.herald.live.entity.Frame;
import dev.herald.platform.control.LogLimiter;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;

/** One open socket of one user: everything sent to it goes through its own serial executor, in order. */
public final class LiveSession implements SerialExecutor.Failures {
    private static final Logger LOG = Logger.getLogger(LiveSession.class.getName());
    /** One line a minute at most for failures that can repeat on every socket at once (a database that went away). */
    private static final LogLimiter FAILURES = new LogLimiter(LOG, Duration.ofMinutes(1), Clock.systemUTC());

    private static final AtomicLong IDS = new AtomicLong();
    /** Soonest token expiry first; sessions whose tokens expire together in the order they opened. */
    static final Comparator<LiveSession> BY_TOKEN_EXPIRY = Comparator.comparingLong(
                    (LiveSession session) -> session.tokenExpiresAtMillis)
            .thenComparingLong(session -> session.id);

    /** How much one socket may ask of the server. */
    record Limits(int resumeLimit, double messagesPerSecond, int queueLimit) {}

    /** Unique on this instance, in the order sessions opened. */
    private final long id = IDS.incrementAndGet();

    private final Session socket;
    private final String user;
    private final SerialExecutor serial;
    private final FrameSequencer sequencer;
    private final RateLimiter inbound;
    private final Counter framesSent;
    /** When the client's token expires, epoch ms: the socket closes then. */
    private final long tokenExpiresAtMillis;
    /** When the session starts live from the newest if its client has not resumed, epoch ms; MAX_VALUE once not due. */
    private volatile long positionByMillis = Long.MAX_VALUE;

    private volatile boolean expired;
    /** When the client was last heard from, {@link System#nanoTime()}. */
    private volatile long lastHeardNanos = System.nanoTime();

    LiveSession(
            Session socket,
            String user,
            Counter framesSent,
            Executor executor,
            Inbox inbox,
            ChannelReports reports,
            Limits limits,
            long tokenExpiresAtMillis) {
        this.socket = socket;
        this.user = user;
        this.tokenExpiresAtMillis = tokenExpiresAtMillis;
        this.framesSent = framesSent;
        this.serial = new SerialExecutor(executor, limits.queueLimit(), this);
        this.sequencer = new FrameSequencer(reader(inbox, reports, user), limits.resumeLimit());
        this.inbound = new RateLimiter(limits.messagesPerSecond(), limits.messagesPerSecond() * 2, System.nanoTime());
    }

    private static FrameSequencer.InboxReader reader(Inbox inbox, ChannelReports reports, String user) {
        return new FrameSequencer.InboxReader() {
            @Override
            public List<Frame> sequencedBetween(long after, long before, int limit) {
                List<Notification> missed = inbox.between(user, after, before, limit);
                reports.report(user, missed);
                return missed.stream().map(Frames::catchUp).toList();
            }

            @Override
            public long countAfter(long after) {
                return inbox.countAfter(user, after);
            }

            @Override
            public Inbox.Position position() {
                return inbox.position(user);
            }
        };
    }

    public String user() {
        return user;
    }

    public void push(List<Frame> frames) {
        serial.execute(() -> send(sequencer.live(frames)));
    }

    public void resume(long after) {
        positionByMillis = Long.MAX_VALUE;
        serial.execute(() -> send(sequencer.resume(after)));
    }

    /** The client is to resume by then (epoch ms); if it has not, the session starts live from the newest. */
    void positionBy(long millis) {
        positionByMillis = millis;
    }

    /**
     * The registry's sweep of the sessions still waiting for their client's resume, a few times a second (a timer per
     * socket cost a scheduled task and its captured context per socket): starts the session live from the newest once
     * its client is late. Answers whether the session is done waiting (resumed, or positioned now).
     */
    boolean positionIfDue(long nowMillis) {
        long due = positionByMillis;
        if (due == Long.MAX_VALUE) {
            return true;
        }
        if (nowMillis < due) {
            return false;
        }
        positionByMillis = Long.MAX_VALUE;
        position();
        return true;
    }

    long id() {
        return id;
    }

    long tokenExpiresAtMillis() {
        return tokenExpiresAtMillis;
    }

    /** The client's token expired (the registry's sweep says when): the socket closes. */
    void expire() {
        if (!expired) {
            expired = true;
            close(CloseReason.CloseCodes.VIOLATED_POLICY, "token expired");
        }
    }

    /** Sends what this session missed while the live path was interrupted. */
    void catchUp() {
        serial.execute(() -> send(sequencer.catchUp()));
    }

    void position() {
        serial.execute(() -> send(sequencer.position()));
    }

    public void error(String detail) {
        Frame frame = Frames.error(detail);
        serial.execute(() -> send(List.of(frame)));
    }

    /** Whether one more inbound message is within the rate limit. */
    public boolean allowInbound() {
        return inbound.tryAcquire(System.nanoTime());
    }

    /** The client answered a ping or sent a message (monotonic time: the application's clock can be moved). */
    public void heard() {
        lastHeardNanos = System.nanoTime();
    }

    /**
     * Pings the client, or closes the socket when nothing was heard from it for {@code silenceLimit} (it missed the
     * pongs of several pings: a peer gone without closing). Herald keeps this deadline itself rather than giving the
     * container an idle timeout, which re-armed a timer on every frame read (profiled: removing those timers from
     * Liberty's scheduler queue was a search through one entry per socket).
     */
    void ping(Duration silenceLimit) {
        if (System.nanoTime() - lastHeardNanos > silenceLimit.toNanos()) {
            closeQuietly(CloseReason.CloseCodes.GOING_AWAY, "no answer to pings");
            return;
        }
        serial.execute(() -> {
            try {
                if (socket.isOpen()) {
                    socket.getBasicRemote().sendPing(ByteBuffer.allocate(0));
                }
            } catch (IOException e) {
                // the peer is gone: close, and @OnClose/@OnError unregisters the session
                closeQuietly(CloseReason.CloseCodes.GOING_AWAY, "ping failed");
            }
        });
    }

    /** The server is going away: the client is told when to come back, then the socket closes with 1012. */
    void restarting(long reconnectAfterMs) {
        Frame frame = Frames.reconnect(reconnectAfterMs);
        serial.execute(() -> {
            send(List.of(frame));
            closeQuietly(CloseReason.CloseCodes.SERVICE_RESTART, "server restarting");
        });
    }

    public void close(CloseReason.CloseCode code, String reason) {
        serial.execute(() -> closeQuietly(code, reason));
    }

    /**
     * A task of this socket failed (a catch-up whose database read failed, a frame that could not be built): the
     * client cannot know what it missed, so it gets an error frame and a 1011 close, and reconnects with resume.
     */
    @Override
    public void failed(RuntimeException failure) {
        FAILURES.log(
                Level.WARNING,
                "A live socket task failed; closing the socket with 1011 so its client resumes: " + failure);
        LOG.log(Level.FINE, "Live socket task failure", failure);
        send(List.of(Frames.error("the server could not complete a request for this socket; reconnect and resume")));
        closeQuietly(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "server error");
    }

    /** The client reads slower than frames arrive: it is closed and catches up from the inbox when it comes back. */
    @Override
    public void overflowed(int capacity) {
        FAILURES.log(
                Level.WARNING,
                "A live socket fell " + capacity + " sends behind; closing it with 1013 so its client resumes later");
        closeQuietly(CloseReason.CloseCodes.TRY_AGAIN_LATER, "too far behind; resume later");
    }

    private void send(List<Frame> frames) {
        for (Frame frame : frames) {
            if (!socket.isOpen()) {
                return;
            }
            try {
                socket.getBasicRemote().sendText(frame.json());
                framesSent.inc();
            } catch (IOException | IllegalStateException e) {
                LOG.fine(() -> "Dropping live session of " + user + ": " + e);
                closeQuietly(CloseReason.CloseCodes.GOING_AWAY, "send failed");
                return;
            }
        }
    }

    private void closeQuietly(CloseReason.CloseCode code, String reason) {
        try {
            if (socket.isOpen()) {
                socket.close(new CloseReason(code, reason));
            }
        } catch (IOException e) {
            // the peer is already gone: there is nobody left to tell, and @OnClose/@OnError unregisters the session
            LOG.fine(() -> "Closing a live socket failed: " + e);
        }
    }
}
