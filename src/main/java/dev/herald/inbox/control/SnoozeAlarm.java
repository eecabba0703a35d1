package dev.herald.inbox.control;

import dev.herald.platform.control.Periodic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Looks for ended snoozes every {@code herald.snooze.poll-ms} on every instance (the due rows decide, not this
 * instance's memory, so a restart loses nothing) and wakes them round by round until none is due.
 */
@ApplicationScoped
public class SnoozeAlarm {
    private static final Logger LOG = Logger.getLogger(SnoozeAlarm.class.getName());

    @Inject
    Periodic periodic;

    @Inject
    Snoozes snoozes;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "herald.snooze.poll-ms", defaultValue = "1000")
    long pollMillis;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        Duration every = Duration.ofMillis(pollMillis);
        periodic.every(every, every, "Ending snoozes", LOG, this::wakeAll);
    }

    void wakeAll() {
        while (snoozes.wakeDue(clock.instant()) > 0) {
            // another round: more users may be due
        }
    }
}
