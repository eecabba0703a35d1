package dev.herald.channel.entity;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;

/**
 * What a provider answered to one attempt: delivered (it confirmed), sent (it took the message), a transient failure
 * (retried later, not before {@code retryAfter} when it said so), a permanent one (a dead letter at once), or no target
 * left to send to (skipped).
 * {@code forgetTarget}: the target is gone for good (a push subscription answering 404/410) and is deleted.
 */
public record SendResult(Kind kind, Integer statusCode, String answer, Duration retryAfter, boolean forgetTarget) {
    /** The longest provider answer kept with an attempt. */
    public static final int ANSWER_LIMIT = 500;

    public enum Kind {
        DELIVERED,
        SENT,
        TRANSIENT,
        PERMANENT,
        /** Nothing was sent: the target went away before the attempt (an address, subscription or endpoint removed). */
        NO_TARGET
    }

    public SendResult {
        requireNonNull(kind);
        answer = answer == null ? "" : shorten(answer);
    }

    public static SendResult delivered(Integer statusCode, String answer) {
        return new SendResult(Kind.DELIVERED, statusCode, answer, null, false);
    }

    public static SendResult sent(Integer statusCode, String answer) {
        return new SendResult(Kind.SENT, statusCode, answer, null, false);
    }

    public static SendResult transientFailure(Integer statusCode, String answer, Duration retryAfter) {
        return new SendResult(Kind.TRANSIENT, statusCode, answer, retryAfter, false);
    }

    public static SendResult permanentFailure(Integer statusCode, String answer) {
        return new SendResult(Kind.PERMANENT, statusCode, answer, null, false);
    }

    /** Nothing to send to any more: the delivery is skipped with the reason, not a dead letter. */
    public static SendResult noTarget(String reason) {
        return new SendResult(Kind.NO_TARGET, null, reason, null, false);
    }

    /** A permanent failure whose target no longer exists. */
    public static SendResult gone(Integer statusCode, String answer) {
        return new SendResult(Kind.PERMANENT, statusCode, answer, null, true);
    }

    public boolean succeeded() {
        return kind == Kind.DELIVERED || kind == Kind.SENT;
    }

    /** The outcome's name as stored with the attempt. */
    public String outcome() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** How it reads in a dead letter or a status: the status code, if any, and the answer. */
    public String summary() {
        return statusCode == null ? answer : statusCode + (answer.isEmpty() ? "" : ": " + answer);
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("(?U)\\s+", " ").strip();
        if (oneLine.length() <= ANSWER_LIMIT) {
            return oneLine;
        }
        int cut = ANSWER_LIMIT - 1;
        if (Character.isHighSurrogate(oneLine.charAt(cut - 1))) {
            cut--;
        }
        return oneLine.substring(0, cut) + "…";
    }
}
