package dev.herald.workflow.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DelayTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalTime NINE = LocalTime.of(9, 0);

    @Test
    void aDurationWaitsThatLong() {
        Instant now = Instant.parse("2026-12-08T10:00:00Z");
        assertThat(Delay.of(Duration.ofMinutes(15)).due(now, BERLIN, "ana")).isEqualTo(now.plusSeconds(900));
    }

    @Test
    void theNextNineIsTodayBeforeNineAndTomorrowFromNineOn() {
        Delay nine = Delay.until(NINE, null);
        // 07:59 in Berlin (UTC+1 in winter)
        assertThat(nine.due(Instant.parse("2026-12-08T06:59:00Z"), BERLIN, "ana"))
                .isEqualTo("2026-12-08T08:00:00Z");
        assertThat(nine.due(Instant.parse("2026-12-08T08:00:00Z"), BERLIN, "ana"))
                .isEqualTo("2026-12-09T08:00:00Z");
        assertThat(nine.due(Instant.parse("2026-12-08T20:00:00Z"), BERLIN, "ana"))
                .isEqualTo("2026-12-09T08:00:00Z");
    }

    @Test
    void acrossTheSpringChangeNineIsNineInSummerTime() {
        // Saturday 2027-03-27 20:00 CET; the clocks go from 02:00 to 03:00 on Sunday: 09:00 CEST is 07:00 UTC,
        // 12 hours later, not 13
        Instant saturdayEvening = Instant.parse("2027-03-27T19:00:00Z");
        Instant due = Delay.until(NINE, null).due(saturdayEvening, BERLIN, "ana");
        assertThat(due).isEqualTo("2027-03-28T07:00:00Z");
        assertThat(Duration.between(saturdayEvening, due)).isEqualTo(Duration.ofHours(12));
        assertThat(due.atZone(BERLIN).toLocalTime()).isEqualTo(NINE);
    }

    @Test
    void acrossTheAutumnChangeNineIsNineInWinterTime() {
        // Saturday 2026-10-24 20:00 CEST; the clocks go back from 03:00 to 02:00 on Sunday
        Instant saturdayEvening = Instant.parse("2026-10-24T18:00:00Z");
        Instant due = Delay.until(NINE, null).due(saturdayEvening, BERLIN, "ana");
        assertThat(due).isEqualTo("2026-10-25T08:00:00Z");
        assertThat(Duration.between(saturdayEvening, due)).isEqualTo(Duration.ofHours(14));
    }

    @Test
    void aTimeTheSpringChangeSkipsHappensWhenTheClocksJump() {
        Instant due = Delay.until(LocalTime.of(2, 30), null).due(Instant.parse("2027-03-27T22:00:00Z"), BERLIN, "ana");
        assertThat(due).isEqualTo("2027-03-28T01:00:00Z");
        assertThat(due.atZone(BERLIN).toLocalTime()).isEqualTo(LocalTime.of(3, 0));
    }

    @Test
    void aTimeTheAutumnChangeRepeatsHappensTheFirstTime() {
        Instant due = Delay.until(LocalTime.of(2, 30), null).due(Instant.parse("2026-10-24T22:00:00Z"), BERLIN, "ana");
        assertThat(due).isEqualTo("2026-10-25T00:30:00Z");
    }

    @Test
    void aSpreadGivesEachRecipientTheSameOffsetWithinIt() {
        Delay spread = Delay.until(NINE, Duration.ofMinutes(15));
        Instant now = Instant.parse("2026-12-08T06:00:00Z");
        Instant nine = Instant.parse("2026-12-08T08:00:00Z");
        for (String user : new String[] {"ana", "ben", "carla", "u-12345"}) {
            Instant due = spread.due(now, BERLIN, user);
            assertThat(due).isBetween(nine, nine.plus(Duration.ofMinutes(15)));
            assertThat(spread.due(now.plusSeconds(60), BERLIN, user)).isEqualTo(due);
        }
        assertThat(spread.due(now, BERLIN, "ana")).isNotEqualTo(spread.due(now, BERLIN, "ben"));
    }

    @Test
    void aRecipientWithoutAZoneIsInUtc() {
        assertThat(Delay.until(NINE, null).due(Instant.parse("2026-12-08T06:00:00Z"), ZoneOffset.UTC, "ana"))
                .isEqualTo("2026-12-08T09:00:00Z");
    }

    @Test
    void aDelayIsPositiveAndAtMostAWeek() {
        assertThatThrownBy(() -> Delay.of(Duration.ZERO)).hasMessageContaining("more than zero");
        assertThatThrownBy(() -> Delay.of(Duration.ofDays(8))).hasMessageContaining("at most P7D");
        assertThatThrownBy(() -> Delay.until(NINE, Duration.ofHours(13))).hasMessageContaining("PT12H");
    }
}
