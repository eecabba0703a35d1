package dev.herald.inbox.entity;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** One change of a notification's state a user asks for; {@code until} only for a snooze. */
public record StateChange(Action action, Instant until) {
    public enum Action {
        READ,
        UNREAD,
        SEEN,
        ARCHIVE,
        UNARCHIVE,
        SNOOZE,
        UNSNOOZE
    }

    public StateChange {
        requireNonNull(action);
        if ((action == Action.SNOOZE) != (until != null)) {
            throw new IllegalArgumentException("a snooze, and only a snooze, has an end");
        }
    }

    public static StateChange of(Action action) {
        return new StateChange(action, null);
    }

    public static StateChange snoozeUntil(Instant until) {
        return new StateChange(Action.SNOOZE, until);
    }

    /** Applies the change; answers whether the notification changed (doing it twice changes nothing). */
    public boolean applyTo(Notification n, Instant now) {
        return switch (action) {
            case READ -> n.markRead(now);
            case UNREAD -> n.markUnread(now);
            case SEEN -> n.markSeen(now);
            case ARCHIVE -> n.archive(now);
            case UNARCHIVE -> n.unarchive(now);
            case SNOOZE -> n.snooze(until, now);
            case UNSNOOZE -> n.unsnooze(now);
        };
    }
}
