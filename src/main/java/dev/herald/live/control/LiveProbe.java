package dev.herald.live.control;

import dev.herald.platform.control.Periodic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Proves the live path end to end: every few seconds this instance publishes a probe to the deliveries topic and
 * notes when it reads its own probe back. Readiness waits for that, so a ready instance pushes what it is sent.
 */
@ApplicationScoped
public class LiveProbe {
    private static final Logger LOG = Logger.getLogger(LiveProbe.class.getName());
    static final Duration EVERY = Duration.ofSeconds(3);

    @Inject
    DeliveryPublisher publisher;

    @Inject
    SessionRegistry sessions;

    @Inject
    @ConfigProperty(name = "herald.instance.id")
    String instanceId;

    @Inject
    Periodic periodic;

    /** System.nanoTime() of the last echo: elapsed time, which the dev clock (moved by tests) does not touch. */
    private volatile long lastEchoNanos;

    private volatile boolean echoed;

    /** The consumer's join count at the last catch-up. */
    private volatile long caughtUpAtJoins;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        periodic.beat(EVERY, "Publishing the live probe", LOG, publisher::probe);
    }

    /**
     * Called by the deliveries consumer for every probe it reads, with how many times it has been given its
     * partitions. The first echo after the consumer (re)joined, or after a silence (the live path was interrupted),
     * proves it reads everything published from now on; what was published before may have been skipped (it starts
     * from the end), so every session looks for notifications it never got.
     */
    public void echoed(String instance, long joins) {
        if (instanceId.equals(instance)) {
            long now = System.nanoTime();
            boolean interrupted =
                    echoed && now - lastEchoNanos > EVERY.multipliedBy(3).toNanos();
            boolean rejoined = joins != caughtUpAtJoins;
            lastEchoNanos = now;
            echoed = true;
            if (interrupted || rejoined) {
                caughtUpAtJoins = joins;
                sessions.catchUpAll();
            }
        }
    }

    /** Whether this instance read its own probe back recently. */
    public boolean connected() {
        return echoed
                && System.nanoTime() - lastEchoNanos < EVERY.multipliedBy(10).toNanos();
    }
}
