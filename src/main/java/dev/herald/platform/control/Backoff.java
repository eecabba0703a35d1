package dev.herald.platform.control;

import java.time.Duration;

/** Exponential backoff from 100 ms to 5 s for retrying against a dependency that is down. */
public final class Backoff {
    private static final long FIRST_MS = 100;
    private static final long MAX_MS = 5_000;
    private long nextMs = FIRST_MS;

    public Duration nextDelay() {
        return Duration.ofMillis(nextMs);
    }

    /** Waits the current delay and doubles it. */
    public void pause() throws InterruptedException {
        Thread.sleep(nextMs);
        nextMs = Math.min(MAX_MS, nextMs * 2);
    }

    /** Starts again from the first delay, after a success. */
    public void reset() {
        nextMs = FIRST_MS;
    }
}
