package dev.herald.channel.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CircuitBreakersTest {
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final Duration OPEN_FOR = Duration.ofSeconds(60);

    final CircuitBreakers breakers = new CircuitBreakers(3, OPEN_FOR);

    void fail(String key, int times, Instant at) {
        for (int i = 0; i < times; i++) {
            breakers.record(key, false, at);
        }
    }

    @Test
    void anUnknownKeyLetsEveryMessageThrough() {
        assertThat(breakers.blockedUntil("sms:twilio", T0)).isEmpty();
        assertThat(breakers.open()).isEmpty();
    }

    @Test
    void opensAfterThresholdFailuresInARowForThatKeyOnly() {
        fail("webhook:a.example", 2, T0);
        assertThat(breakers.blockedUntil("webhook:a.example", T0)).isEmpty();
        fail("webhook:a.example", 1, T0.plusSeconds(1));
        assertThat(breakers.blockedUntil("webhook:a.example", T0.plusSeconds(2)))
                .contains(T0.plusSeconds(1).plus(OPEN_FOR));
        assertThat(breakers.blockedUntil("webhook:b.example", T0.plusSeconds(2)))
                .isEmpty();
    }

    @Test
    void otherKeysKeepTheirOwnCount() {
        fail("a", 2, T0);
        fail("b", 2, T0);
        assertThat(breakers.blockedUntil("a", T0)).isEmpty();
        assertThat(breakers.blockedUntil("b", T0)).isEmpty();
        fail("b", 1, T0);
        assertThat(breakers.blockedUntil("a", T0)).isEmpty();
        assertThat(breakers.blockedUntil("b", T0)).isPresent();
    }

    @Test
    void aSuccessStartsTheCountAgain() {
        fail("a", 2, T0);
        breakers.record("a", true, T0);
        fail("a", 2, T0);
        assertThat(breakers.blockedUntil("a", T0)).isEmpty();
        fail("a", 1, T0);
        assertThat(breakers.blockedUntil("a", T0)).contains(T0.plus(OPEN_FOR));
    }

    @Test
    void whileOpenEveryMessageWaitsForTheEndOfTheOpenPeriod() {
        fail("a", 3, T0);
        assertThat(breakers.blockedUntil("a", T0.plusSeconds(10))).contains(T0.plus(OPEN_FOR));
        assertThat(breakers.blockedUntil("a", T0.plusSeconds(59))).contains(T0.plus(OPEN_FOR));
    }

    @Test
    void afterTheOpenPeriodExactlyOneMessageTriesWhileTheOthersWaitForItsOutcome() {
        fail("a", 3, T0);
        Instant later = T0.plus(OPEN_FOR);
        assertThat(breakers.blockedUntil("a", later)).isEmpty();
        assertThat(breakers.blockedUntil("a", later)).contains(later.plus(CircuitBreakers.TRIAL_WAIT));
        assertThat(breakers.blockedUntil("a", later.plusSeconds(5)))
                .contains(later.plusSeconds(5).plus(CircuitBreakers.TRIAL_WAIT));
    }

    @Test
    void theTrialsFailureOpensTheBreakerAgain() {
        fail("a", 3, T0);
        Instant trial = T0.plus(OPEN_FOR).plusSeconds(3);
        assertThat(breakers.blockedUntil("a", trial)).isEmpty();
        breakers.record("a", false, trial.plusSeconds(2));
        Instant reopenedUntil = trial.plusSeconds(2).plus(OPEN_FOR);
        assertThat(breakers.blockedUntil("a", trial.plusSeconds(2))).contains(reopenedUntil);
        assertThat(breakers.open()).containsEntry("a", reopenedUntil);
        // and after that period, again one trial
        assertThat(breakers.blockedUntil("a", reopenedUntil)).isEmpty();
        assertThat(breakers.blockedUntil("a", reopenedUntil)).isPresent();
    }

    @Test
    void theTrialsSuccessClosesTheBreaker() {
        fail("a", 3, T0);
        Instant trial = T0.plus(OPEN_FOR);
        assertThat(breakers.blockedUntil("a", trial)).isEmpty();
        breakers.record("a", true, trial.plusSeconds(1));
        assertThat(breakers.blockedUntil("a", trial.plusSeconds(1))).isEmpty();
        assertThat(breakers.blockedUntil("a", trial.plusSeconds(1))).isEmpty();
        assertThat(breakers.open()).isEmpty();
        fail("a", 2, trial.plusSeconds(2));
        assertThat(breakers.blockedUntil("a", trial.plusSeconds(2))).isEmpty();
    }

    @Test
    void openListsTheOpenAndHalfOpenKeysWithUntilWhenSorted() {
        fail("webhook:b.example", 3, T0);
        fail("push:fcm", 3, T0.plusSeconds(30));
        fail("sms:twilio", 2, T0);
        assertThat(breakers.open())
                .containsExactly(
                        Map.entry("push:fcm", T0.plusSeconds(30).plus(OPEN_FOR)),
                        Map.entry("webhook:b.example", T0.plus(OPEN_FOR)));
        // half open: still listed until the trial succeeds
        assertThat(breakers.blockedUntil("webhook:b.example", T0.plus(OPEN_FOR)))
                .isEmpty();
        assertThat(breakers.open()).containsKey("webhook:b.example");
        breakers.record("webhook:b.example", true, T0.plus(OPEN_FOR));
        assertThat(breakers.open()).containsOnlyKeys("push:fcm");
    }
}
