package dev.herald.ops.entity;

import static java.util.Objects.requireNonNull;

import dev.herald.inbox.entity.NotificationSummary;
import java.time.Instant;
import java.util.Locale;

/** An event of a notification: the one it was created from, or one it aggregated later. */
public record StoryEvent(String source, String id, Instant at, As as) {
    public enum As {
        CREATED,
        AGGREGATED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public StoryEvent {
        requireNonNull(id);
        requireNonNull(at);
        requireNonNull(as);
    }

    public static StoryEvent created(NotificationSummary n) {
        return new StoryEvent(n.source(), n.eventId(), n.createdAt(), As.CREATED);
    }
}
