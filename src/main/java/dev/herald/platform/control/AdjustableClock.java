package dev.herald.platform.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's clock: the system's, to the microsecond PostgreSQL keeps, plus an offset that only dev mode's
 * clock endpoint moves (so tests of snoozes, holds and retention advance time instead of sleeping). Always zero in
 * production.
 */
public final class AdjustableClock extends Clock {
    private final Clock base = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    /** Moves the clock on (never back, so nothing that happened seems to happen again); answers the offset now. */
    public Duration advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        return offset.accumulateAndGet(by, Duration::plus);
    }

    public Duration offset() {
        return offset.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Herald's clock is UTC");
    }
}
