package dev.herald.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import java.time.Clock;

/** The one clock every control asks for the time, so tests of pure logic can pass their own. */
@ApplicationScoped
public class ClockProducer {
    private final AdjustableClock clock = new AdjustableClock();

    @Produces
    Clock clock() {
        return clock;
    }

    /** Only for the dev clock endpoint: everything else asks for a {@link Clock}. */
    @Produces
    @Typed(AdjustableClock.class)
    AdjustableClock adjustable() {
        return clock;
    }
}
