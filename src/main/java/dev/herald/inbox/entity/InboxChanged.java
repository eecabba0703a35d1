package dev.herald.inbox.entity;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * What changed in one user's inbox in one transaction: which notifications were created, gathered another event
 * (moved to the top with a new {@code seq}), changed state, came back from a snooze or were deleted, and the unread count as of the commit.
 * A domain event: the live path turns it into socket frames, later channel workers and operations observe it too.
 */
public record InboxChanged(String user, List<Change> changes, long unreadCount) {
    public InboxChanged {
        requireNonNull(user);
        changes = List.copyOf(changes);
    }

    public enum Kind {
        /** A new notification, at a new {@code seq}. */
        CREATED,
        /** An aggregate gathered events: new text, unread again, at a new {@code seq}. */
        AGGREGATED,
        /** Its snooze ended: back at the top, unread, at a new {@code seq}. */
        RETURNED,
        /** A state change (read, unread, seen, archived, snoozed); the {@code seq} stays. */
        UPDATED,
        /** Gone from the inbox. */
        DELETED
    }

    /** One notification's change. */
    public record Change(Kind kind, Notification notification) {
        public Change {
            requireNonNull(kind);
            requireNonNull(notification);
        }

        /** Whether the change gave the notification a new {@code seq}, so it counts in the user's sequence. */
        public boolean sequenced() {
            return kind == Kind.CREATED || kind == Kind.AGGREGATED || kind == Kind.RETURNED;
        }
    }

    public static Builder of(String user) {
        return new Builder(user);
    }

    /** Collects the changes of one transaction. */
    public static final class Builder {
        private final String user;
        private final List<Change> changes = new ArrayList<>();

        private Builder(String user) {
            this.user = user;
        }

        public Builder created(Notification n) {
            return add(Kind.CREATED, n);
        }

        public Builder aggregated(Notification n) {
            return add(Kind.AGGREGATED, n);
        }

        public Builder returned(Notification n) {
            return add(Kind.RETURNED, n);
        }

        public Builder updated(Notification n) {
            return add(Kind.UPDATED, n);
        }

        public Builder deleted(Notification n) {
            return add(Kind.DELETED, n);
        }

        private Builder add(Kind kind, Notification n) {
            changes.add(new Change(kind, n));
            return this;
        }

        public InboxChanged unreadCount(long count) {
            return new InboxChanged(user, changes, count);
        }
    }
}
