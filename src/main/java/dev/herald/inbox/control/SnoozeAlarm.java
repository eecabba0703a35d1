package dev.herald.inbox.control;

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
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Looks for ended snoozes every {@code herald.snooze.poll-ms} on every instance (the due rows decide, not this
 * instance's memory, so a restart loses nothing) and wakes them round by round until none is due.
 */
@ApplicationScoped
public class SnoozeAlarm {
    private static final Logger LOG = Logger.getLogger(SnoozeAlarm.class.getName());

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject
    Snoozes snoozes;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "herald.snooze.poll-ms", defaultValue = "1000")
    long pollMillis;

    private ScheduledFuture<?> polling;
    private LogLimiter failures;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        failures = new LogLimiter(LOG, Duration.ofMinutes(1), clock);
        polling = scheduler.scheduleWithFixedDelay(this::wakeAll, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (polling != null) {
            polling.cancel(false);
        }
    }

    void wakeAll() {
        try {
            while (snoozes.wakeDue(clock.instant()) > 0) {
                // another round: more users may be due
            }
        } catch (RuntimeException e) {
            failures.log(Level.WARNING, "Ending snoozes failed; trying again: " + RootCause.message(e));
        }
    }
}
