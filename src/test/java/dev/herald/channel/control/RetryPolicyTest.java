package dev.herald.channel.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    static final Duration BASE = Duration.ofSeconds(30);
    static final Duration CAP = Duration.ofSeconds(600);

    /** The defaults, always drawing the ceiling: the longest wait jitter allows. */
    final RetryPolicy longest = new RetryPolicy(8, BASE, CAP, bound -> bound);

    /** The defaults, always drawing zero: the shortest wait jitter allows. */
    final RetryPolicy shortest = new RetryPolicy(8, BASE, CAP, bound -> 0);

    @Test
    void theCeilingDoublesFromTheBaseWithEveryTryUntilTheCap() {
        assertThat(longest.delay(1, null)).isEqualTo(Duration.ofSeconds(30));
        assertThat(longest.delay(2, null)).isEqualTo(Duration.ofSeconds(60));
        assertThat(longest.delay(3, null)).isEqualTo(Duration.ofSeconds(120));
        assertThat(longest.delay(4, null)).isEqualTo(Duration.ofSeconds(240));
        assertThat(longest.delay(5, null)).isEqualTo(Duration.ofSeconds(480));
        assertThat(longest.delay(6, null)).isEqualTo(CAP);
        assertThat(longest.delay(7, null)).isEqualTo(CAP);
    }

    @Test
    void manyTriesStayAtTheCapWithoutOverflowing() {
        assertThat(longest.delay(31, null)).isEqualTo(CAP);
        assertThat(longest.delay(64, null)).isEqualTo(CAP);
        assertThat(longest.delay(Integer.MAX_VALUE, null)).isEqualTo(CAP);
    }

    @Test
    void noTriesYetWaitsAtMostTheBase() {
        assertThat(longest.delay(0, null)).isEqualTo(BASE);
        assertThat(longest.delay(-3, null)).isEqualTo(BASE);
    }

    @Test
    void theJitterIsDrawnFromZeroToTheCeilingInMilliseconds() {
        List<Long> bounds = new ArrayList<>();
        RetryPolicy policy = new RetryPolicy(8, BASE, CAP, bound -> {
            bounds.add(bound);
            return bound / 2;
        });
        assertThat(policy.delay(3, null)).isEqualTo(Duration.ofSeconds(60));
        assertThat(policy.delay(9, null)).isEqualTo(Duration.ofSeconds(300));
        assertThat(bounds).containsExactly(120_000L, 600_000L);
    }

    @Test
    void aZeroDrawRetriesAtOnce() {
        assertThat(shortest.delay(1, null)).isZero();
        assertThat(shortest.delay(7, null)).isZero();
    }

    @Test
    void retryAfterWinsWhenItIsLongerThanTheDraw() {
        assertThat(shortest.delay(1, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(longest.delay(1, Duration.ofSeconds(45))).isEqualTo(Duration.ofSeconds(45));
        assertThat(longest.delay(7, Duration.ofHours(1))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theDrawWinsWhenRetryAfterIsShorter() {
        assertThat(longest.delay(1, Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(30));
        assertThat(longest.delay(3, Duration.ZERO)).isEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void retriesUntilMaxAttemptsFailedTries() {
        assertThat(longest.maxAttempts()).isEqualTo(8);
        for (int tries = 0; tries < 8; tries++) {
            assertThat(longest.retries(tries)).as("after %d tries", tries).isTrue();
        }
        assertThat(longest.retries(8)).isFalse();
        assertThat(longest.retries(9)).isFalse();
    }

    @Test
    void aSingleAttemptIsNeverRetriedAndNoAttemptIsRefused() {
        RetryPolicy once = new RetryPolicy(1, BASE, CAP);
        assertThat(once.retries(1)).isFalse();
        assertThatThrownBy(() -> new RetryPolicy(0, BASE, CAP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one attempt");
    }

    @Test
    void withTheDefaultsTheSevenWaitsSpanAtMostThirtyFiveAndAHalfMinutes() {
        // 30 + 60 + 120 + 240 + 480 + 600 + 600 s: the longest the 7 waits between 8 tries can add up to
        Duration longestTotal = Duration.ZERO;
        Duration shortestTotal = Duration.ZERO;
        for (int tries = 1; longest.retries(tries); tries++) {
            longestTotal = longestTotal.plus(longest.delay(tries, null));
            shortestTotal = shortestTotal.plus(shortest.delay(tries, null));
        }
        assertThat(longestTotal).isEqualTo(Duration.ofSeconds(2130));
        assertThat(longestTotal).isBetween(Duration.ofMinutes(30), Duration.ofMinutes(40));
        assertThat(shortestTotal).isZero();
    }

    @Test
    void theRandomDrawStaysBetweenZeroAndTheCeiling() {
        RetryPolicy random = new RetryPolicy(8, BASE, CAP);
        for (int i = 0; i < 1000; i++) {
            assertThat(random.delay(3, null)).isBetween(Duration.ZERO, Duration.ofSeconds(120));
            assertThat(random.delay(20, null)).isBetween(Duration.ZERO, CAP);
        }
        RetryPolicy zeroBase = new RetryPolicy(8, Duration.ZERO, CAP);
        assertThat(zeroBase.delay(1, null)).isZero();
    }
}
