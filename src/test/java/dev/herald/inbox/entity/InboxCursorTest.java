package dev.herald.inbox.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class InboxCursorTest {
    @Test
    void roundTripsAndIsOpaque() {
        InboxCursor cursor = new InboxCursor(420, 42);
        String encoded = cursor.encode();
        assertThat(encoded).doesNotContain("42").matches("[A-Za-z0-9_-]+");
        assertThat(InboxCursor.decode(encoded)).isEqualTo(cursor);
    }

    @Test
    void theFirstPageFixesTheSnapshotAndLaterPagesKeepIt() {
        InboxCursor first = InboxCursor.START.at(100);
        assertThat(first).isEqualTo(new InboxCursor(100, Long.MAX_VALUE));
        InboxCursor second = first.next(80);
        assertThat(second.at(130)).isEqualTo(new InboxCursor(100, 80));
    }

    @Test
    void absentMeansTheStart() {
        assertThat(InboxCursor.decode(null)).isEqualTo(InboxCursor.START);
        assertThat(InboxCursor.decode("")).isEqualTo(InboxCursor.START);
    }

    @Test
    void rejectsAnythingElse() {
        String foreign = Base64.getUrlEncoder().encodeToString("v1:5".getBytes());
        String short_ = Base64.getUrlEncoder().encodeToString("v2:5".getBytes());
        String negative = Base64.getUrlEncoder().encodeToString("v2:-1:5".getBytes());
        String zero = Base64.getUrlEncoder().encodeToString("v2:3:0".getBytes());
        for (String bad : new String[] {"%%%", "djE6", foreign, short_, negative, zero, "v2:5:4"}) {
            assertThatThrownBy(() -> InboxCursor.decode(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
