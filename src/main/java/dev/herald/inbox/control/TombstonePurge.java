package dev.herald.inbox.control;

import dev.herald.platform.control.Periodic;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Forgets the idempotency keys of deleted notifications, absorbed events and scheduled events that fired or were
 * cancelled after {@code herald.dedupe.retention-days}
 * and the old places of moved notifications after a day, hourly, in
 * batches of at most 5,000 rows so no statement holds locks for long. Running it on several instances at once is
 * harmless: each deletes what is still there.
 */
@ApplicationScoped
public class TombstonePurge {
    private static final Logger LOG = Logger.getLogger(TombstonePurge.class.getName());
    private static final int BATCH = 5_000;
    /** How long an inbox cursor finds a notification that moved up at its old place. */
    static final Duration CURSOR_LIFETIME = Duration.ofDays(1);

    @Resource(lookup = "jdbc/herald-direct")
    DataSource dataSource;

    @Inject
    Periodic periodic;

    @Inject
    MetricRegistry registry;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "herald.dedupe.retention-days", defaultValue = "30")
    int retentionDays;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        periodic.every(Duration.ofMinutes(5), Duration.ofMinutes(60), "Purging old idempotency keys", LOG, this::purge);
    }

    /**
     * Deletes the idempotency keys older than the retention: tombstones of deleted notifications and the keys of
     * events absorbed by aggregates. Answers how many.
     */
    public long purge() {
        Timestamp before = Timestamp.from(clock.instant().minus(Duration.ofDays(retentionDays)));
        Timestamp cursorsBefore = Timestamp.from(clock.instant().minus(CURSOR_LIFETIME));
        long purged = purge("notification_tombstone", "deleted_at", before)
                + purge("absorbed_event", "absorbed_at", before)
                + purge("notification_move", "moved_at", cursorsBefore)
                + purge("scheduled_event", "settled_at", before);
        registry.counter(InboxRetention.PURGED, new Tag("kind", "keys")).inc(purged);
        return purged;
    }

    private long purge(String table, String column, Timestamp before) {
        long purged = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE ctid IN"
                        + " (SELECT ctid FROM " + table + " WHERE " + column + " < ? LIMIT " + BATCH + ")")) {
            delete.setTimestamp(1, before);
            int deleted;
            do {
                deleted = delete.executeUpdate();
                purged += deleted;
            } while (deleted == BATCH);
        } catch (SQLException e) {
            LOG.warning(() -> "Purging old keys from " + table + " failed; next try in an hour: " + e.getMessage());
        }
        return purged;
    }
}
