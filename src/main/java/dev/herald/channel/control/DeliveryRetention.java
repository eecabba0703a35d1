package dev.herald.channel.control;

import dev.herald.inbox.control.InboxRetention;
import dev.herald.platform.control.Periodic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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

    @Inject
    Periodic periodic;

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

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        if (days > 0) {
            Duration every = Duration.ofMinutes(intervalMinutes);
            periodic.every(every, every, "Purging old deliveries", LOG, this::purgeAll);
        }
    }

    /** Purges until nothing old is left; answers how many deliveries went. */
    public long purgeAll() {
        long total = 0;
        Instant before = clock.instant().minus(Duration.ofDays(days));
        int deleted;
        do {
            deleted = purge.batch(before, 1_000);
            total += deleted;
            registry.counter(InboxRetention.PURGED, new Tag("kind", "deliveries"))
                    .inc(deleted);
        } while (deleted > 0);
        // a throttle's counts matter only in their period (at most a day): two days on, they are history
        purge.quotas(clock.instant().minus(Duration.ofDays(2)));
        return total;
    }
}
