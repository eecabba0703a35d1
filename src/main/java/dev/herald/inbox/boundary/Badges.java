package dev.herald.inbox.boundary;

import dev.herald.inbox.entity.CategoryCounts;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /api/notifications/counts}: unread and unseen in the inbox proper, in all and per category. */
public record Badges(long unread, long unseen, Map<String, Count> categories) {
    /** One badge pair. */
    public record Count(long unread, long unseen) {}

    static Badges of(CategoryCounts counts) {
        Map<String, Count> categories = new TreeMap<>();
        counts.categories().forEach((name, c) -> categories.put(name, new Count(c.unread(), c.unseen())));
        return new Badges(counts.total().unread(), counts.total().unseen(), categories);
    }
}
