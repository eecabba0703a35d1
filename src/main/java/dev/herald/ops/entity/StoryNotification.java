package dev.herald.ops.entity;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A stored notification as an operator's story shows it: no body or data, the states with their times. */
public record StoryNotification(
        String id,
        String recipient,
        String source,
        String eventId,
        String type,
        String category,
        String priority,
        String title,
        Instant createdAt,
        boolean silent,
        Instant seenAt,
        Instant readAt,
        Instant archivedAt,
        Instant snoozedUntil,
        int eventCount) {
    public StoryNotification {
        requireNonNull(id);
        requireNonNull(createdAt);
    }

    public boolean critical() {
        return "critical".equals(priority);
    }

    /** Whether it gathered more events than the one it was created from. */
    public boolean aggregated() {
        return eventCount > 1;
    }
}
