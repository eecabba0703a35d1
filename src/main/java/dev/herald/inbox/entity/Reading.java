package dev.herald.inbox.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;

/**
 * How far its user got with a notification: seen, read, archived, snoozed. Each intent answers whether anything
 * changed, so {@link Notification} knows when to move its {@code updatedAt}.
 */
@Embeddable
public class Reading {
    @Column(name = "seen_at")
    private Instant seenAt;

    @Column(name = "read_at")
    private Instant readAt;

    @Column(name = "archived_at")
    private Instant archivedAt;

    @Column(name = "snoozed_until")
    private Instant snoozedUntil;

    protected Reading() {}

    static Reading restore(StoredRow row) {
        Reading r = new Reading();
        r.seenAt = row.instant("seen_at");
        r.readAt = row.instant("read_at");
        r.archivedAt = row.instant("archived_at");
        r.snoozedUntil = row.instant("snoozed_until");
        return r;
    }

    static Reading unread() {
        return new Reading();
    }

    /** Read (and seen); reading twice keeps the first time. */
    boolean markRead(Instant at) {
        if (readAt != null) {
            return false;
        }
        readAt = at;
        if (seenAt == null) {
            seenAt = at;
        }
        return true;
    }

    boolean markUnread() {
        boolean changed = readAt != null;
        readAt = null;
        return changed;
    }

    /** Seen: the bell was opened. */
    boolean markSeen(Instant at) {
        if (seenAt != null) {
            return false;
        }
        seenAt = at;
        return true;
    }

    boolean archive(Instant at) {
        if (archivedAt != null) {
            return false;
        }
        archivedAt = at;
        return true;
    }

    boolean unarchive() {
        boolean changed = archivedAt != null;
        archivedAt = null;
        return changed;
    }

    /** Hidden until {@code until} (later than {@code at}); snoozing again moves the time. */
    boolean snooze(Instant until, Instant at) {
        if (!until.isAfter(at)) {
            throw new IllegalArgumentException("a snooze ends in the future");
        }
        if (until.equals(snoozedUntil)) {
            return false;
        }
        snoozedUntil = until;
        return true;
    }

    boolean unsnooze() {
        boolean changed = snoozedUntil != null;
        snoozedUntil = null;
        return changed;
    }

    /** Whether its snooze has ended by {@code at}. */
    public boolean snoozeEnded(Instant at) {
        return snoozedUntil != null && !snoozedUntil.isAfter(at);
    }

    /** Its snooze is over: shown again, unread and unseen. */
    void wake(Instant at) {
        if (!snoozeEnded(at)) {
            throw new IllegalStateException("the snooze has not ended");
        }
        snoozedUntil = null;
        renew();
    }

    /** Unread and unseen again, as if it had just arrived (an aggregate that gathered an event, a snooze ended). */
    void renew() {
        readAt = null;
        seenAt = null;
    }

    public Instant seenAt() {
        return seenAt;
    }

    public Instant readAt() {
        return readAt;
    }

    public Instant archivedAt() {
        return archivedAt;
    }

    public Instant snoozedUntil() {
        return snoozedUntil;
    }
}
