package dev.herald.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;

/** The one clock every control asks for the time, so tests of pure logic can pass their own. */
@ApplicationScoped
public class ClockProducer {
    @Produces
    @ApplicationScoped
    Clock clock() {
        // PostgreSQL keeps microseconds: a time read back equals the time written
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
