package dev.herald.channel.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BreakerHealthTest {
    static final Instant NOW = Instant.parse("2026-11-29T20:00:00Z");

    @Test
    void eachChannelsCircuitInWords() {
        assertThat(BreakerHealth.describe(false, List.of(), NOW)).isEqualTo("not configured");
        assertThat(BreakerHealth.describe(true, List.of(), NOW)).isEqualTo("enabled, circuit closed");
        assertThat(BreakerHealth.describe(true, List.of(NOW.plusSeconds(60)), NOW))
                .isEqualTo("enabled, circuit open until 2026-11-29T20:01:00Z");
        assertThat(BreakerHealth.describe(true, List.of(NOW.minusSeconds(1)), NOW))
                .isEqualTo("enabled, circuit half open: one delivery is trying");
        assertThat(BreakerHealth.describe(true, List.of(NOW.plusSeconds(60), NOW.minusSeconds(1), NOW), NOW))
                .isEqualTo("enabled, 3 circuits open (2 half open)");
    }
}
