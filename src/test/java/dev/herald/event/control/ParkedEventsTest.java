package dev.herald.event.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParkedEventsTest {
    @Test
    void aMentionIsMatchedLiterallyAnywhere() {
        assertThat(ParkedEvents.containing("alice")).isEqualTo("%alice%");
        assertThat(ParkedEvents.containing("50%_off\\")).isEqualTo("%50\\%\\_off\\\\%");
    }
}
