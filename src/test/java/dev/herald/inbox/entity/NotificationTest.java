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
}
