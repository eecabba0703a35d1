package dev.herald.channel.control;

import dev.herald.inbox.control.InboxRetention;
import dev.herald.platform.control.LogLimiter;
import dev.herald.platform.control.RootCause;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Deletes settled deliveries (sent, delivered, skipped, and dead ones whose dead letter was replayed or discarded)
 * {@code herald.channel.retention-days} after their last change, with their attempts, in short batches, every {@code
 * herald.retention.interval-minutes}. Open dead letters stay until an admin resolves them.
 */
@ApplicationScoped
public class DeliveryRetention {
    private static final Logger LOG = Logger.getLogger(DeliveryRetention.class.getName());

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject
    MetricRegistry registry;

    @Inject
    DeliveryPurge purge;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "herald.channel.retention-days", defaultValue = "30")
    int days;

    @Inject
    @ConfigProperty(name = "herald.retention.interval-minutes", defaultValue = "60")
    long intervalMinutes;

    private ScheduledFuture<?> running;
    private LogLimiter failures;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        failures = new LogLimiter(LOG, Duration.ofMinutes(1), clock);
        if (days > 0) {
            running = scheduler.scheduleWithFixedDelay(
                    this::purgeAll, intervalMinutes, intervalMinutes, TimeUnit.MINUTES);
        }
    }

    @PreDestroy
    void stop() {
        if (running != null) {
            running.cancel(false);
        }
    }

    /** Purges until nothing old is left; answers how many deliveries went. */
    public long purgeAll() {
        long total = 0;
        try {
            Instant before = clock.instant().minus(Duration.ofDays(days));
            int deleted;
            do {
                deleted = purge.batch(before, 1_000);
                total += deleted;
                registry.counter(InboxRetention.PURGED, new Tag("kind", "deliveries"))
                        .inc(deleted);
            } while (deleted > 0);
        } catch (RuntimeException e) {
            failures.log(Level.WARNING, "Purging old deliveries failed; trying again later: " + RootCause.message(e));
        }
        return total;
    }
}
