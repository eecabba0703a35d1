package dev.herald.channel.entity;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One delivery of a notification on a channel with its attempts, as an operator's story shows it (ops composes the
 * story; {@code DeliveryHistory} reads them): unlike the user's view it has targets, reasons and the decision. {@code id} is null for a channel its type uses that
 * got no row (skipped: no address, or the channel is not configured). A notification listed in an email digest has
 * {@code digestId} once the digest started, the digest delivery's status, attempts and attempt log: its own row has
 * none. {@code dueAt} of a row waiting for a digest is when that digest is due. {@code decision} is the code of what
 * the recipient's preferences decided ({@code Decision.Kind}); null where none decided. {@code step} is the workflow
 * step that held it (delay), null for none.
 */
public record DeliveryTrace(
        String id,
        String channel,
        String target,
        String status,
        String decision,
        String step,
        String reason,
        int attempts,
        Instant dueAt,
        Instant createdAt,
        Instant updatedAt,
        String digestId,
        String digestStatus,
        List<DeliveryView.Attempt> attemptLog) {
    public DeliveryTrace {
        requireNonNull(channel);
        requireNonNull(status);
        attemptLog = List.copyOf(attemptLog);
    }

    /** A channel the notification's type uses that got no delivery row, and why. */
    public static DeliveryTrace missing(String channel, String reason) {
        return new DeliveryTrace(
                null, channel, null, "skipped", null, null, reason, 0, null, null, null, null, null, List.of());
    }
}
