package dev.herald.push.boundary;

import dev.herald.push.entity.PushSubscription;
import java.time.Instant;

/** One of the user's push subscriptions: its id, the push service's endpoint, and since when (not its keys). */
public record SubscriptionView(String id, String endpoint, Instant createdAt) {
    static SubscriptionView of(PushSubscription s) {
        return new SubscriptionView(s.id(), s.endpoint(), s.createdAt());
    }
}
