package dev.herald.inbox.entity;

import java.util.Map;

/** A user's badges: unread and unseen notifications in the inbox (not archived, not snoozed), in all and per category. */
public record CategoryCounts(Count total, Map<String, Count> categories) {
    public record Count(long unread, long unseen) {}

    public CategoryCounts {
        categories = Map.copyOf(categories);
    }
}
