package dev.herald.event.control;

import dev.herald.platform.control.Periodic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Fires scheduled events when their time comes, on every instance (each takes its own rows: nothing is kept in an
 * instance's memory, so a restart loses nothing), round by round until none is due.
 */
@ApplicationScoped
public class ScheduleAlarm {
    private static final Logger LOG = Logger.getLogger(ScheduleAlarm.class.getName());
    private static final int ROUND = 200;

    @Inject
    Periodic periodic;

    @Inject
    ScheduledEvents scheduled;

    @Inject
    Clock clock;

    @Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "herald.schedule.poll-ms", defaultValue = "1000")
    long pollMillis;

    @Inject
    MetricRegistry registry;

    private volatile long pending;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        registry.gauge(
                Metadata.builder()
                        .withName("herald.scheduled.pending")
                        .withDescription("Events held for their deliverat (counted every 15 s)")
                        .build(),
                this,
                alarm -> alarm.pending);
        periodic.every(Duration.ofSeconds(1), Duration.ofSeconds(15), "Counting scheduled events", LOG, () -> {
            pending = scheduled.pending();
        });
        Duration every = Duration.ofMillis(pollMillis);
        periodic.every(every, every, "Firing scheduled events", LOG, this::fireAll);
    }

    void fireAll() {
        while (scheduled.fireDue(clock.instant(), ROUND) == ROUND) {
            // a full round: more may be due
        }
    }
}
