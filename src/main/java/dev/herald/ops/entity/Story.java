package dev.herald.ops.entity;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * What Herald did with one user's notifications, or with one event's (for every recipient): each notification with
 * its events, deliveries and an explanation; the deleted ones (only their event's key survives); and the parked
 * records that mention the user or event. Exactly one of {@code user} and {@code event} is set.
 */
public record Story(String user, String event, List<StoryItem> items, List<Deleted> deleted, List<Parked> parked) {
    public Story {
        if ((user == null) == (event == null)) {
            throw new IllegalArgumentException("a story is of a user or of an event");
        }
        items = List.copyOf(items);
        deleted = List.copyOf(deleted);
        parked = List.copyOf(parked);
    }

    /**
     * A notification its recipient deleted: its tombstone keeps the event's key and when, not the notification's id or
     * text.
     */
    public record Deleted(String source, String eventId, String recipient, Instant deletedAt) {
        public Deleted {
            requireNonNull(eventId);
            requireNonNull(deletedAt);
        }
    }

    /** A parked record whose payload mentions the user or the event. */
    public record Parked(String id, Instant parkedAt, String reason) {}
}
