package dev.herald.preference.entity;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** What to do with one notification on one channel, and why: deliver now, hold until a time, or skip. */
public record Decision(Outcome outcome, Instant until, String reason) {
    public enum Outcome {
        DELIVER,
        HOLD,
        SKIP
    }

    public Decision {
        requireNonNull(outcome);
        requireNonNull(reason);
        if ((outcome == Outcome.HOLD) != (until != null)) {
            throw new IllegalArgumentException("a hold, and only a hold, has an end");
        }
    }

    public static Decision deliver(String reason) {
        return new Decision(Outcome.DELIVER, null, reason);
    }

    public static Decision hold(Instant until, String reason) {
        return new Decision(Outcome.HOLD, until, reason);
    }

    public static Decision skip(String reason) {
        return new Decision(Outcome.SKIP, null, reason);
    }

    public boolean deliversNow() {
        return outcome == Outcome.DELIVER;
    }
}
