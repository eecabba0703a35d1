package dev.herald.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ConsumerStateTest {
    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final HandClock clock = new HandClock();
    final ConsumerState state = new ConsumerState("intake", clock, Duration.ofSeconds(30));

    @Test
    void notReadyUntilItJoinedItsGroup() {
        assertThat(state.problem()).isEqualTo("starting");
        state.joined(4);
        assertThat(state.problem()).isNull();
        state.left();
        assertThat(state.problem()).isEqualTo("not in its consumer group yet");
    }

    @Test
    void lagWhilePausedOnPurposeIsNoStallAndTheStallClockStartsAgainAtTheResume() {
        state.joined(4);
        state.observed(0, 1);
        state.paused(true);
        state.observed(1000, 1);
        clock.advance(Duration.ofMinutes(5));
        assertThat(state.problem()).isNull();
        state.paused(false);
        clock.advance(Duration.ofSeconds(29));
        assertThat(state.problem()).isNull();
        clock.advance(Duration.ofSeconds(2));
        assertThat(state.problem()).startsWith("lag of 1000 records and no progress for 31 s");
    }

    @Test
    void lagWithoutProgressPastTheLimitIsAStallAndProgressEndsIt() {
        state.joined(4);
        state.observed(0, 1);
        clock.advance(Duration.ofMinutes(5)); // idle with no lag is fine
        state.observed(120, 1);
        clock.advance(Duration.ofSeconds(29));
        assertThat(state.problem()).isNull();
        clock.advance(Duration.ofSeconds(2));
        assertThat(state.problem()).isEqualTo("lag of 120 records and no progress for 31 s");
        state.handled(100);
        assertThat(state.problem()).isNull();
    }

    @Test
    void aBatchInHandTooLongOrAMissingHeartbeatIsReported() {
        state.joined(2);
        state.handling();
        clock.advance(Duration.ofSeconds(31));
        assertThat(state.problem()).startsWith("one batch has been in hand for 31 s");
        state.handled(1);
        state.observed(0, 12);
        assertThat(state.problem()).startsWith("no heartbeat to the Kafka group coordinator for 12 s");
    }

    @Test
    void aFailureIsTheReasonUntilTheConsumerJoinsAgain() {
        state.joined(4);
        state.failed("Kafka refused Herald's credentials");
        assertThat(state.problem()).isEqualTo("Kafka refused Herald's credentials");
        state.joined(4);
        assertThat(state.problem()).isNull();
    }

    @Test
    void aFollowerIsAnsweredWhenTheLoopPausesOrWhenItsWaitEnds() throws Exception {
        var pausing = state.follows(true, Duration.ofSeconds(30));
        assertThat(pausing).isNotDone();
        state.paused(true);
        assertThat(pausing.get()).isTrue();
        assertThat(state.follows(true, Duration.ofSeconds(30)).get())
                .as("already paused")
                .isTrue();
        assertThat(state.follows(false, Duration.ofMillis(50)).get())
                .as("never resumed")
                .isFalse();
    }
}
