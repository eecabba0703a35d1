package dev.herald.workflow.entity;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * One message per window on an outside channel for an aggregated type: the aggregate's one send waits until the window
 * ends (fixed), or until no event joined it for {@code window}, at most {@code max} after the first (sliding), and then
 * carries the aggregate's final text ("Ana, Ben and 5 others liked your post"), as the inbox shows it.
 */
public record Batch(Duration window, Duration max) {
    public Batch {
        requireNonNull(window);
        if (window.isNegative() || window.isZero() || window.compareTo(Delay.MAX) > 0) {
            throw new IllegalArgumentException("a window must be more than zero and at most P7D");
        }
        if (max != null && (max.compareTo(window) < 0 || max.compareTo(Delay.MAX) > 0)) {
            throw new IllegalArgumentException("max must be at least the window and at most P7D");
        }
    }

    public boolean sliding() {
        return max != null;
    }

    /** When the batch of a send planned at {@code now} closes, before any event joins it. */
    public Instant firstDue(Instant now) {
        return now.plus(window);
    }

    /** How the story says it. */
    public String describe() {
        return sliding() ? "batches until quiet for " + window + " (at most " + max + ")" : "batches for " + window;
    }
}
