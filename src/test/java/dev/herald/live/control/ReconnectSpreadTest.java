package dev.herald.live.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReconnectSpreadTest {
    @Test
    void theWindowGivesEverySocketItsShareOfTheRate() {
        assertThat(ReconnectSpread.windowMillis(20_000, 2_000)).isEqualTo(10_000);
        assertThat(ReconnectSpread.windowMillis(5_000, 1_000)).isEqualTo(5_000);
    }

    @Test
    void aFewSocketsStillSpreadOverASecond() {
        assertThat(ReconnectSpread.windowMillis(0, 1_000)).isEqualTo(1_000);
        assertThat(ReconnectSpread.windowMillis(3, 1_000)).isEqualTo(1_000);
    }

    @Test
    void aRateThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> ReconnectSpread.windowMillis(10, 0))
                .hasMessageContaining("herald.live.reconnect-rate");
    }
}
