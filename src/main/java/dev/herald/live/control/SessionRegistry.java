package dev.herald.live.control;

import dev.herald.inbox.control.ChannelReports;
import dev.herald.inbox.control.Inbox;
import dev.herald.live.entity.LiveTicket;
import dev.herald.live.entity.UserFrames;
import dev.herald.platform.control.Periodic;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The live sessions on this instance, by user. Delivers each inbox change to every open session of its user, pings
 * idle sockets, enforces the per-user connection cap and closes a socket when its token expires.
 */
@ApplicationScoped
public class SessionRegistry {
    private static final Logger LOG = Logger.getLogger(SessionRegistry.class.getName());
    /** How often sessions' deadlines are checked: a resume wait or a token expiry is honored within this. */
    private static final Duration DEADLINES = Duration.ofMillis(250);

    private final Map<String, Set<LiveSession>> byUser = new ConcurrentHashMap<>();
    /** The sessions whose clients have not resumed yet: the few opened within the resume wait. */
    private final Set<LiveSession> awaitingResume = ConcurrentHashMap.newKeySet();
    /** Every session, soonest token expiry first: the sweep looks only at the head. */
    private final NavigableSet<LiveSession> byTokenExpiry = new ConcurrentSkipListSet<>(LiveSession.BY_TOKEN_EXPIRY);
    /** Every session in the ping slot of its id: each second's pings are one slot, not a scan of all sessions. */
    private List<Set<LiveSession>> pingSlots;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject
    Inbox inbox;

    @Inject
    Periodic periodic;

    @Inject
    MetricRegistry registry;

    private Counter framesSent;

    @Inject
    ChannelReports reports;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "herald.live.max-connections-per-user", defaultValue = "10")
    int maxPerUser;

    @Inject
    @ConfigProperty(name = "herald.live.resume-limit", defaultValue = "500")
    int resumeLimit;

    @Inject
    @ConfigProperty(name = "herald.live.messages-per-second", defaultValue = "10")
    double messagesPerSecond;

    /** Sends one socket may have waiting before it is closed as too slow (1013); it resumes when it returns. */
    @Inject
    @ConfigProperty(name = "herald.live.send-queue-limit", defaultValue = "1000")
    int sendQueueLimit;

    @Inject
    @ConfigProperty(name = "herald.live.ping-seconds", defaultValue = "30")
    int pingSeconds;

    @Inject
    @ConfigProperty(name = "herald.live.resume-wait-ms", defaultValue = "1000")
    long resumeWaitMs;

    @Inject
    @ConfigProperty(name = "herald.live.send-threads", defaultValue = "16")
    int sendThreads;

    /** Reconnects a second this instance's clients are spread over when it restarts. */
    @Inject
    @ConfigProperty(name = "herald.live.reconnect-rate", defaultValue = "1000")
    int reconnectRate;

    /**
     * Sends frames. Its threads come from the container's thread factory, so they carry the application's context
     * once; a managed executor would capture and restore that context for every task, which profiled as the largest
     * cost of a push.
     */
    private ExecutorService senders;

    private long pingTicks;
    private volatile boolean draining;

    @PostConstruct
    void start() {
        framesSent = registry.counter(Metadata.builder()
                .withName("herald.live.frames")
                .withDescription("Frames this instance sent to live sockets")
                .build());
        registry.gauge(
                Metadata.builder()
                        .withName("herald.live.sockets")
                        .withDescription("Live sockets open on this instance")
                        .build(),
                this,
                SessionRegistry::openSessions);
        senders = Executors.newFixedThreadPool(sendThreads, threads);
        pingSlots = IntStream.range(0, pingSeconds)
                .<Set<LiveSession>>mapToObj(slot -> ConcurrentHashMap.newKeySet())
                .toList();
        periodic.beat(Duration.ofSeconds(1), "Pinging idle live sockets", LOG, this::pingSlot);
        periodic.beat(DEADLINES, "Checking live sockets' resume and token deadlines", LOG, this::checkDeadlines);
    }

    /** Restarting: the sockets were told when to come back; new handshakes are refused until the server stops. */
    @PreDestroy
    void stop() {
        drain();
        senders.shutdown();
        try {
            senders.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What a drain did: how many sockets were closed, and the window their clients were spread over. */
    public record Drained(int sockets, long windowMillis) {}

    /**
     * Before this instance stops: refuses new sockets from now on (readiness goes DOWN, so a load balancer sends them
     * elsewhere) and closes every open one with 1012, each told when to come back (a {@code reconnect} frame): a
     * random moment in a window long enough for all of them at {@code herald.live.reconnect-rate}, so a restart with
     * 20,000 sockets does not bring 20,000 handshakes in the same second. Closing sockets at {@code @PreDestroy} is
     * too late on Liberty, which cuts them (1006) when it quiesces, before the application stops: hence an
     * operation to call first (a pre-stop hook).
     */
    public Drained drain() {
        draining = true;
        List<LiveSession> all = byUser.values().stream().flatMap(Set::stream).toList();
        long window = ReconnectSpread.windowMillis(all.size(), reconnectRate);
        all.forEach(session -> session.restarting(ThreadLocalRandom.current().nextLong(window)));
        return new Drained(all.size(), window);
    }

    /** Whether this instance was drained: it accepts no new sockets. */
    public boolean draining() {
        return draining;
    }

    /** A socket not heard from for this long (three ping intervals) is closed at its next ping. */
    public Duration idleTimeout() {
        return Duration.ofSeconds(pingSeconds * 3L);
    }

    /** Registers a socket for a redeemed ticket; empty when the user already has the most sockets allowed. */
    public Optional<LiveSession> open(Session socket, LiveTicket ticket) {
        LiveSession session = new LiveSession(
                socket,
                ticket.user(),
                framesSent,
                senders,
                inbox,
                reports,
                new LiveSession.Limits(resumeLimit, messagesPerSecond, sendQueueLimit),
                ticket.tokenExpiresAt().toEpochMilli());
        session.positionBy(clock.millis() + resumeWaitMs);
        boolean[] added = {false};
        // under the user's lock, as closed() removes: a session is in all of the registry's sets or in none
        byUser.compute(ticket.user(), (user, sessions) -> {
            Set<LiveSession> set = sessions == null ? ConcurrentHashMap.newKeySet() : sessions;
            if (set.size() < maxPerUser && set.add(session)) {
                added[0] = true;
                awaitingResume.add(session);
                byTokenExpiry.add(session);
                pingSlot(session).add(session);
            }
            return set.isEmpty() ? null : set;
        });
        return added[0] ? Optional.of(session) : Optional.empty();
    }

    public void closed(LiveSession session) {
        byUser.computeIfPresent(session.user(), (user, sessions) -> {
            if (sessions.remove(session)) {
                awaitingResume.remove(session);
                byTokenExpiry.remove(session);
                pingSlot(session).remove(session);
            }
            return sessions.isEmpty() ? null : sessions;
        });
    }

    private Set<LiveSession> pingSlot(LiveSession session) {
        return pingSlots.get((int) (session.id() % pingSlots.size()));
    }

    /** Hands each inbox change to every open session of its user on this instance. */
    public void deliver(List<UserFrames> changes) {
        for (UserFrames change : changes) {
            Set<LiveSession> sessions = byUser.get(change.user());
            if (sessions != null) {
                sessions.forEach(session -> session.push(change.frames()));
            }
        }
    }

    /** Whether a socket of {@code user} is open on this instance. */
    public boolean holds(String user) {
        return byUser.containsKey(user);
    }

    /** Every session here catches up with its inbox: the live path was interrupted, frames may have been lost. */
    public void catchUpAll() {
        byUser.values().forEach(sessions -> sessions.forEach(LiveSession::catchUp));
    }

    public int openSessions() {
        return byUser.values().stream().mapToInt(Set::size).sum();
    }

    /**
     * Positions the sessions whose clients did not resume in time; closes those whose token expired. Looks only at
     * the sessions still waiting for a resume and at the head of the expiry order: a scan of every session four times
     * a second was most of an idle instance's CPU with 5,000 sockets (profiled).
     */
    private void checkDeadlines() {
        long now = clock.millis();
        awaitingResume.removeIf(session -> session.positionIfDue(now));
        for (Iterator<LiveSession> soonest = byTokenExpiry.iterator(); soonest.hasNext(); ) {
            LiveSession session = soonest.next();
            if (session.tokenExpiresAtMillis() > now) {
                break;
            }
            soonest.remove();
            session.expire();
        }
    }

    /**
     * Pings, each second, the sessions of this second's slot: every session once per interval, spread over it.
     * Pinging all at once (sockets opened together share their timers) held the send threads for a burst that
     * delayed live frames by hundreds of milliseconds (profiled with 5,000 sockets).
     */
    private void pingSlot() {
        Duration silenceLimit = idleTimeout();
        pingSlots.get((int) (pingTicks++ % pingSlots.size())).forEach(session -> session.ping(silenceLimit));
    }
}
