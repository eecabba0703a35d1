package dev.herald.inbox.entity;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A stored notification's key, states and times, without body or data: what an operator's story shows of it (ops
 * composes the story; {@code InboxHistory} reads them).
 */
public record NotificationSummary(
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
    public NotificationSummary {
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
