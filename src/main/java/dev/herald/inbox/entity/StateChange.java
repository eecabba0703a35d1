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

    /** Applies the change; answers whether anything changed (doing it twice changes nothing). */
    boolean applyTo(Reading r, Instant now) {
        return switch (action) {
            case READ -> r.markRead(now);
            case UNREAD -> r.markUnread();
            case SEEN -> r.markSeen(now);
            case ARCHIVE -> r.archive(now);
            case UNARCHIVE -> r.unarchive();
            case SNOOZE -> r.snooze(until, now);
            case UNSNOOZE -> r.unsnooze();
        };
    }
}
