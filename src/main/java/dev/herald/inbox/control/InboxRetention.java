package dev.herald.inbox.control;

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
 * Inbox retention: read notifications older than {@code herald.retention.read-days} (by when they were read) and every
 * notification older than {@code herald.retention.days} (by when it arrived) are deleted, every
 * {@code herald.retention.interval-minutes}, in batches of {@code herald.retention.batch-size} each in its own short
 * transaction, by one instance at a time. 0 days keeps them for ever.
 */
@ApplicationScoped
public class InboxRetention {
    private static final Logger LOG = Logger.getLogger(InboxRetention.class.getName());

    @Inject
    Periodic periodic;

    /** Rows retention deleted, by kind (notifications, keys, deliveries), for /metrics. */
    public static final String PURGED = "herald.retention.purged";

    @Inject
    MetricRegistry registry;

    @Inject
    RetentionBatch batches;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "herald.retention.read-days", defaultValue = "90")
    int readDays;

    @Inject
    @ConfigProperty(name = "herald.retention.days", defaultValue = "365")
    int days;

    @Inject
    @ConfigProperty(name = "herald.retention.batch-size", defaultValue = "1000")
    int batchSize;

    @Inject
    @ConfigProperty(name = "herald.retention.interval-minutes", defaultValue = "60")
    int intervalMinutes;

    /** What one purge did; {@code skipped} when another instance was purging. */
    public record Purged(long read, long old, boolean skipped) {}

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        Duration every = Duration.ofMinutes(intervalMinutes);
        periodic.every(every, every, "The inbox purge", LOG, this::scheduled);
    }

    private void scheduled() {
        Purged purged = purge();
        if (purged.read() + purged.old() > 0) {
            LOG.info(() -> "Retention purged " + purged.read() + " read and " + purged.old() + " old notifications");
        }
    }

    /** Purges everything past retention now. */
    public Purged purge() {
        Instant now = clock.instant();
        long read = readDays > 0 ? purge(RetentionBatch.Kind.READ, now.minus(Duration.ofDays(readDays))) : 0;
        if (read < 0) {
            return new Purged(0, 0, true);
        }
        long old = days > 0 ? purge(RetentionBatch.Kind.ALL, now.minus(Duration.ofDays(days))) : 0;
        return new Purged(read, Math.max(old, 0), old < 0);
    }

    private long purge(RetentionBatch.Kind kind, Instant before) {
        long total = 0;
        int deleted;
        do {
            deleted = batches.purge(kind, before, batchSize);
            if (deleted < 0) {
                return total == 0 ? -1 : total;
            }
            total += deleted;
            registry.counter(PURGED, new Tag("kind", "notifications")).inc(deleted);
        } while (deleted == batchSize);
        return total;
    }
}
