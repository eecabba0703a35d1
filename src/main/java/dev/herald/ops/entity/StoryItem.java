package dev.herald.ops.entity;

import static java.util.Objects.requireNonNull;

import dev.herald.channel.entity.DeliveryTrace;
import dev.herald.inbox.entity.NotificationSummary;
import java.util.List;

/** One notification of a story: its events (created, then aggregated), its deliveries and what they add up to. */
public record StoryItem(
        NotificationSummary notification, List<StoryEvent> events, List<DeliveryTrace> deliveries, String explanation) {
    public StoryItem {
        requireNonNull(notification);
        events = List.copyOf(events);
        deliveries = List.copyOf(deliveries);
        requireNonNull(explanation);
    }
}
