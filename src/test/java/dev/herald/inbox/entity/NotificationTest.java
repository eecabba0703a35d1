package dev.herald.inbox.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.inbox.entity.StateChange.Action;
import jakarta.json.JsonValue;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotificationTest {
    final Instant created = Instant.parse("2026-11-22T10:00:00Z");
    final Notification notification = new Notification(
            "bob",
            "/src",
            "e1",
            "post.liked",
            "social",
            "t",
            "b",
            JsonValue.EMPTY_JSON_OBJECT,
            JsonValue.EMPTY_JSON_ARRAY,
            created);

    @Test
    void markReadOnceKeepsTheFirstTime() {
        Instant first = created.plusSeconds(5);
        assertThat(notification.change(StateChange.of(Action.READ), first)).isTrue();
        assertThat(notification.change(StateChange.of(Action.READ), first.plusSeconds(5)))
                .isFalse();
        assertThat(notification.reading().readAt()).isEqualTo(first);
        assertThat(notification.reading().seenAt()).isEqualTo(first);
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
        Notification plain = new Notification(
                "bob",
                "/src",
                "e2",
                "post.liked",
                "social",
                "t",
                "b",
                JsonValue.EMPTY_JSON_OBJECT,
                JsonValue.EMPTY_JSON_ARRAY,
                created);
        assertThatThrownBy(() -> notification.absorb(plain, true, created))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("aggregated type");
    }

    @Test
    void aSnoozeHidesUntilItEndsThenComesBackOnTopUnreadAndUnseen() {
        Notification n = new Notification(
                "alice",
                "/s",
                "e-snooze",
                "notification.created",
                "general",
                "T",
                "B",
                JsonValue.EMPTY_JSON_OBJECT,
                JsonValue.EMPTY_JSON_ARRAY,
                created);
        n.assignSeq(3);
        n.change(StateChange.of(Action.READ), created);
        Instant until = created.plusSeconds(600);
        assertThatThrownBy(() -> n.change(StateChange.snoozeUntil(created), created))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(n.change(StateChange.snoozeUntil(until), created)).isTrue();
        assertThat(n.change(StateChange.snoozeUntil(until), created)).isFalse();
        assertThat(n.reading().snoozeEnded(until.minusNanos(1000))).isFalse();
        assertThatThrownBy(() -> n.wake(9, created)).isInstanceOf(IllegalStateException.class);
        n.wake(9, until);
        assertThat(n.seq()).isEqualTo(9);
        assertThat(n.movedFrom()).isEqualTo(3);
        assertThat(n.reading().snoozedUntil()).isNull();
        assertThat(n.reading().readAt()).isNull();
        assertThat(n.reading().seenAt()).isNull();
        assertThat(n.change(StateChange.of(Action.UNSNOOZE), until)).isFalse();
    }

    @Test
    void unarchiveAndUnsnoozeAreIdempotent() {
        Notification n = new Notification(
                "alice",
                "/s",
                "e-arch",
                "notification.created",
                "general",
                "T",
                "B",
                JsonValue.EMPTY_JSON_OBJECT,
                JsonValue.EMPTY_JSON_ARRAY,
                created);
        assertThat(n.change(StateChange.of(Action.UNARCHIVE), created)).isFalse();
        assertThat(n.change(StateChange.of(Action.ARCHIVE), created)).isTrue();
        assertThat(n.change(StateChange.of(Action.UNARCHIVE), created)).isTrue();
        assertThat(n.reading().archivedAt()).isNull();
        assertThat(n.change(StateChange.snoozeUntil(created.plusSeconds(60)), created))
                .isTrue();
        assertThat(n.change(StateChange.of(Action.UNSNOOZE), created)).isTrue();
        assertThat(n.change(StateChange.of(Action.UNSNOOZE), created)).isFalse();
        assertThat(n.seq()).isZero();
    }
}
