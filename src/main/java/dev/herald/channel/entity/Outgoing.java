package dev.herald.channel.entity;

import dev.herald.inbox.entity.Notification;
import dev.herald.preference.entity.Channel;
import java.util.List;

/**
 * One attempt to send, as a provider gets it: the delivery's id (the idempotency key), whom and where to (a target id:
 * a push subscription, a webhook endpoint; null for the user's address), which attempt, and the notifications it
 * carries (one; for a digest, every one it lists).
 */
public record Outgoing(
        String deliveryId,
        String recipient,
        Channel channel,
        String target,
        int attempt,
        boolean digest,
        List<Notification> notifications) {
    public Outgoing {
        notifications = List.copyOf(notifications);
    }

    /** The notification of a single delivery (the first of a digest). */
    public Notification notification() {
        return notifications.get(0);
    }
}
