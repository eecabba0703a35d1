package dev.herald.channel.entity;

import java.time.Instant;
import java.util.List;

/** One dead letter as an admin lists it: the delivery, why it died, every attempt, and how it was resolved if it was. */
public record DeadLetterView(
        String deliveryId,
        String notificationId,
        String channel,
        String recipient,
        String error,
        int attempts,
        Instant deadAt,
        String resolution,
        Instant resolvedAt,
        String resolvedBy,
        List<DeliveryView.Attempt> attemptLog) {

    public static DeadLetterView of(DeadLetter l, Delivery d, List<DeliveryView.Attempt> attemptLog) {
        return new DeadLetterView(
                l.deliveryId(),
                d.notificationId(),
                l.channel(),
                l.recipient(),
                l.error(),
                d.attempts(),
                l.deadAt(),
                l.resolution(),
                l.resolvedAt(),
                l.resolvedBy(),
                attemptLog);
    }
}
