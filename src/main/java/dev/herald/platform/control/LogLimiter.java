package dev.herald.platform.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * At most one log line per interval for a recurring condition (a dependency that stays down, requests that keep
 * being refused), with the number of occurrences it stood for, so nobody outside can flood the log.
 */
public final class LogLimiter {
    private final Logger logger;
    private final Duration interval;
    private final Clock clock;
    private Instant last = Instant.MIN;
    private long suppressed;

    public LogLimiter(Logger logger, Duration interval, Clock clock) {
        this.logger = logger;
        this.interval = interval;
        this.clock = clock;
    }

    /** Logs {@code message} unless a line was written less than an interval ago. */
    public synchronized void log(Level level, String message) {
        Instant now = clock.instant();
        if (now.isBefore(last.plus(interval))) {
            suppressed++;
            return;
        }
        String repeated = suppressed == 0 ? "" : " (" + suppressed + " more since the last such line)";
        last = now;
        suppressed = 0;
        logger.log(level, message + repeated);
    }

    /** Forgets the interval: the next line is written at once (the condition ended and may come back). */
    public synchronized void reset() {
        last = Instant.MIN;
        suppressed = 0;
    }
}
