package dev.herald.preference.entity;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * What to do with one notification on one channel, and why. The {@link Kind} is what code acts on and is stored as
 * a code beside the delivery; the reason is prose for people (the user's story) and nothing branches on it.
 */
public record Decision(Kind kind, Instant until, String reason) {
    public enum Kind {
        /** Send now. */
        DELIVER("deliver"),
        /** Hold until a time (quiet hours end). */
        HOLD_UNTIL("hold-until"),
        /** Hold with no end: released when the user unmutes. */
        HOLD_WHILE_MUTED("hold-muted"),
        /** Wait for the channel's next digest, due at {@code until}. */
        DIGEST("digest"),
        /** Do not send. */
        SKIP("skip");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        /** The stored code ({@code delivery.decision}). */
        public String code() {
            return code;
        }

        public static Optional<Kind> ofCode(String code) {
            return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
        }
    }

    public Decision {
        requireNonNull(kind);
        requireNonNull(reason);
        boolean timed = kind == Kind.HOLD_UNTIL || kind == Kind.DIGEST;
        if (timed != (until != null)) {
            throw new IllegalArgumentException(kind + (timed ? " needs an end" : " has no end"));
        }
    }

    public static Decision deliver(String reason) {
        return new Decision(Kind.DELIVER, null, reason);
    }

    public static Decision hold(Instant until, String reason) {
        return new Decision(Kind.HOLD_UNTIL, until, reason);
    }

    /** Held while the user has muted everything: released when they unmute. */
    public static Decision holdWhileMuted(String reason) {
        return new Decision(Kind.HOLD_WHILE_MUTED, null, reason);
    }

    public static Decision digest(Instant due, String reason) {
        return new Decision(Kind.DIGEST, due, reason);
    }

    public static Decision skip(String reason) {
        return new Decision(Kind.SKIP, null, reason);
    }

    public boolean deliversNow() {
        return kind == Kind.DELIVER;
    }
}
