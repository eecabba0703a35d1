package dev.herald.live.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Proves the live path end to end: every few seconds this instance publishes a probe to the deliveries topic and
 * notes when it reads its own probe back. Readiness waits for that, so a ready instance pushes what it is sent.
 */
@ApplicationScoped
public class LiveProbe {
    static final Duration EVERY = Duration.ofSeconds(3);

    @Inject
    DeliveryPublisher publisher;

    @Inject
    SessionRegistry sessions;

    @Inject
    @ConfigProperty(name = "herald.instance.id")
    String instanceId;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    /** System.nanoTime() of the last echo: elapsed time, which the dev clock (moved by tests) does not touch. */
    private volatile long lastEchoNanos;

    private volatile boolean echoed;
    private ScheduledFuture<?> probing;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        probing = scheduler.scheduleAtFixedRate(this::probe, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (probing != null) {
            probing.cancel(false);
        }
    }

    private void probe() {
        publisher.probe();
    }

    /** Called by the deliveries consumer for every probe it reads. */
    public void echoed(String instance) {
        if (instanceId.equals(instance)) {
            long now = System.nanoTime();
            boolean interrupted =
                    echoed && now - lastEchoNanos > EVERY.multipliedBy(3).toNanos();
            lastEchoNanos = now;
            echoed = true;
            if (interrupted) {
                // frames published while the probe did not come back may be lost: each session looks for holes
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
