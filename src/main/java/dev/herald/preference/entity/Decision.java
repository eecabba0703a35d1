package dev.herald.preference.entity;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What to do with one notification on one channel, and why: deliver now, hold until a time (or, with no time, until the
 * user unmutes), or skip.
 */
public record Decision(Outcome outcome, Instant until, String reason) {
    public enum Outcome {
        DELIVER,
        HOLD,
        SKIP
    }

    public Decision {
        requireNonNull(outcome);
        requireNonNull(reason);
        if (outcome != Outcome.HOLD && until != null) {
            throw new IllegalArgumentException("only a hold has an end");
        }
    }

    public static Decision deliver(String reason) {
        return new Decision(Outcome.DELIVER, null, reason);
    }

    public static Decision hold(Instant until, String reason) {
        return new Decision(Outcome.HOLD, until, reason);
    }

    /** Held while the user has muted everything: released when they unmute. */
    public static Decision holdWhileMuted(String reason) {
        return new Decision(Outcome.HOLD, null, reason);
    }

    public static Decision skip(String reason) {
        return new Decision(Outcome.SKIP, null, reason);
    }

    public boolean deliversNow() {
        return outcome == Outcome.DELIVER;
    }
}
