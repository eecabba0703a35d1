package dev.herald.workflow.entity;

import java.time.Duration;
import java.time.Instant;

/**
 * At most {@code max} messages of a type per recipient on a channel in each period of {@code per} (periods are fixed
 * and aligned to the epoch, so up to twice as many can go around a period's boundary). What is over the limit is
 * never dropped: email folds it into the user's digest at the next period, push and SMS wait for the next period.
 */
public record Throttle(int max, Duration per) {
    public Throttle {
        if (max < 1 || max > 1000) {
            throw new IllegalArgumentException("max must be 1 to 1000");
        }
        if (per == null || per.compareTo(Duration.ofMinutes(1)) < 0 || per.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("per must be PT1M to P1D");
        }
    }

    /** The start of the period {@code at} falls in. */
    public Instant periodStart(Instant at) {
        long seconds = per.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), seconds) * seconds);
    }

    /** The start of the period after the one {@code at} falls in. */
    public Instant nextPeriod(Instant at) {
        return periodStart(at).plus(per);
    }

    public String describe() {
        return max + " per " + per;
    }
}
