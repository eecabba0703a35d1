package dev.herald.inbox.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotificationTest {
    final Instant created = Instant.parse("2026-11-22T10:00:00Z");
    final Notification notification =
            new Notification("bob", "/src", "e1", "post.liked", "social", "t", "b", "{}", "[]", created);

    @Test
    void markReadOnceKeepsTheFirstTime() {
        Instant first = created.plusSeconds(5);
        assertThat(notification.markRead(first)).isTrue();
        assertThat(notification.markRead(first.plusSeconds(5))).isFalse();
        assertThat(notification.readAt()).isEqualTo(first);
        assertThat(notification.seenAt()).isEqualTo(first);
        assertThat(notification.updatedAt()).isEqualTo(first);
    }

    @Test
    void seqIsAssignedOnceAndPositive() {
        assertThatThrownBy(() -> notification.assignSeq(0)).isInstanceOf(IllegalArgumentException.class);
        notification.assignSeq(7);
        assertThat(notification.seq()).isEqualTo(7);
        assertThatThrownBy(() -> notification.assignSeq(8)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anAggregateOnlyMovesUpAndOnlyAbsorbsWhatItAccepts() {
        notification.assignSeq(4);
        assertThatThrownBy(() -> notification.moveTo(4)).isInstanceOf(IllegalArgumentException.class);
        notification.moveTo(9);
        assertThat(notification.seq()).isEqualTo(9);
        Notification plain =
                new Notification("bob", "/src", "e2", "post.liked", "social", "t", "b", "{}", "[]", created);
        assertThatThrownBy(() -> notification.absorb(plain, true, created))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("aggregated type");
    }

    @Test
    void aSnoozeHidesUntilItEndsThenComesBackOnTopUnreadAndUnseen() {
        Notification n = new Notification(
                "alice", "/s", "e-snooze", "notification.created", "general", "T", "B", "{}", "[]", created);
        n.assignSeq(3);
        n.markRead(created);
        Instant until = created.plusSeconds(600);
        assertThatThrownBy(() -> n.snooze(created, created)).isInstanceOf(IllegalArgumentException.class);
        assertThat(n.snooze(until, created)).isTrue();
        assertThat(n.snooze(until, created)).isFalse();
        assertThat(n.snoozeEnded(until.minusNanos(1000))).isFalse();
        assertThatThrownBy(() -> n.wake(9, created)).isInstanceOf(IllegalStateException.class);
        n.wake(9, until);
        assertThat(n.seq()).isEqualTo(9);
        assertThat(n.movedFrom()).isEqualTo(3);
        assertThat(n.snoozedUntil()).isNull();
        assertThat(n.readAt()).isNull();
        assertThat(n.seenAt()).isNull();
        assertThat(n.unsnooze(until)).isFalse();
    }

    @Test
    void unarchiveAndUnsnoozeAreIdempotent() {
        Notification n = new Notification(
                "alice", "/s", "e-arch", "notification.created", "general", "T", "B", "{}", "[]", created);
        assertThat(n.unarchive(created)).isFalse();
        assertThat(n.archive(created)).isTrue();
        assertThat(n.unarchive(created)).isTrue();
        assertThat(n.archivedAt()).isNull();
        assertThat(n.snooze(created.plusSeconds(60), created)).isTrue();
        assertThat(n.unsnooze(created)).isTrue();
        assertThat(n.unsnooze(created)).isFalse();
        assertThat(n.seq()).isZero();
    }
}
