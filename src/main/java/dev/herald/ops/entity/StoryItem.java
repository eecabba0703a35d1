package dev.herald.ops.entity;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One notification of a story: its events (created, then aggregated), its deliveries and what they add up to. */
public record StoryItem(
        StoryNotification notification, List<StoryEvent> events, List<StoryDelivery> deliveries, String explanation) {
    public StoryItem {
        requireNonNull(notification);
        events = List.copyOf(events);
        deliveries = List.copyOf(deliveries);
        requireNonNull(explanation);
    }
}
