package dev.herald.channel.entity;

import java.time.Instant;
import java.util.List;

/** One delivery as the status API shows it, with every attempt. {@code id} is null for a channel with no row. */
public record DeliveryView(
        String id,
        String channel,
        String target,
        String status,
        String reason,
        int attempts,
        Instant dueAt,
        Instant createdAt,
        Instant updatedAt,
        List<Attempt> attemptLog) {
    /** One attempt: when, how it ended (null: it did not finish), the provider's status code and answer. */
    public record Attempt(
            int attempt, Instant startedAt, Instant finishedAt, String outcome, Integer statusCode, String answer) {
        /** The attempt without what the provider answered (not the user's to read). */
        public Attempt withoutAnswer() {
            return new Attempt(attempt, startedAt, finishedAt, outcome, statusCode, null);
        }
    }

    /**
     * A delivery with its attempts; one the user does not own (an application's webhook) shows neither its target,
     * its reason nor what the provider answered.
     */
    public static DeliveryView of(Delivery d, boolean own, List<Attempt> attempts) {
        return new DeliveryView(
                d.id(),
                d.channel(),
                own ? d.target() : null,
                d.status().wire(),
                own ? d.reason() : null,
                d.attempts(),
                d.dueAt(),
                d.createdAt(),
                d.updatedAt(),
                own ? attempts : attempts.stream().map(Attempt::withoutAnswer).toList());
    }

    /** A channel the type uses that got no delivery row. */
    public static DeliveryView skipped(String channel, String reason) {
        return new DeliveryView(null, channel, null, "skipped", reason, 0, null, null, null, List.of());
    }
}
