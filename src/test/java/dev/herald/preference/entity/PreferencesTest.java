package dev.herald.preference.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The decision table: what goes now, what waits until when, what does not go, and why. */
class PreferencesTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Notice SOCIAL =
            new Notice("social", false, Set.of(Channel.IN_APP, Channel.EMAIL, Channel.PUSH));
    private static final Notice CRITICAL = new Notice("system", true, Set.of(Channel.IN_APP, Channel.EMAIL));
    /** Every night from 22:00 to 07:00, Berlin time. */
    private static final QuietHours NIGHTS =
            new QuietHours(EnumSet.allOf(DayOfWeek.class), LocalTime.of(22, 0), LocalTime.of(7, 0));

    private static Instant berlin(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), BERLIN)
                .toInstant();
    }

    private static Preferences with(boolean muted, QuietHours quiet, Map<Channel, Digest> digests) {
        return new Preferences(muted, Map.of(), Map.of(), quiet, digests);
    }

    @Test
    void defaultsDeliverEveryChannelTheTypeUsesAndSkipTheOthers() {
        Instant now = berlin("2026-03-10T12:00");
        Preferences defaults = Preferences.DEFAULTS;
        assertThat(defaults.decide(Channel.IN_APP, SOCIAL, now, BERLIN).deliversNow())
                .isTrue();
        assertThat(defaults.decide(Channel.EMAIL, SOCIAL, now, BERLIN).deliversNow())
                .isTrue();
        Decision sms = defaults.decide(Channel.SMS, SOCIAL, now, BERLIN);
        assertThat(sms.kind()).isEqualTo(Decision.Kind.SKIP);
        assertThat(sms.reason()).isEqualTo("its type is not sent by sms");
    }

    @Test
    void muteHoldsOtherChannelsUntilUnmutedAndSilencesTheAppButNotCritical() {
        Instant now = berlin("2026-03-10T12:00");
        Preferences muted = with(true, null, Map.of());
        Decision email = muted.decide(Channel.EMAIL, SOCIAL, now, BERLIN);
        assertThat(email.kind()).isEqualTo(Decision.Kind.HOLD_WHILE_MUTED);
        assertThat(email.until()).isNull();
        assertThat(email.reason()).isEqualTo("muted: held until you unmute");
        assertThat(muted.decide(Channel.IN_APP, SOCIAL, now, BERLIN).deliversNow())
                .isFalse();
        Decision critical = muted.decide(Channel.EMAIL, CRITICAL, now, BERLIN);
        assertThat(critical.deliversNow()).isTrue();
        assertThat(critical.reason()).startsWith("critical");
    }

    @Test
    void aCategoryOrAChannelTurnedOffIsSkippedEvenWhenCritical() {
        Instant now = berlin("2026-03-10T12:00");
        Preferences prefs = new Preferences(
                false,
                Map.of(Channel.PUSH, false),
                Map.of("social", Map.of(Channel.EMAIL, false), "system", Map.of(Channel.EMAIL, false)),
                null,
                Map.of());
        assertThat(prefs.decide(Channel.EMAIL, SOCIAL, now, BERLIN).reason())
                .isEqualTo("you turned email off for social");
        assertThat(prefs.decide(Channel.PUSH, SOCIAL, now, BERLIN).reason()).isEqualTo("you turned push off");
        assertThat(prefs.decide(Channel.IN_APP, SOCIAL, now, BERLIN).deliversNow())
                .isTrue();
        assertThat(prefs.decide(Channel.EMAIL, CRITICAL, now, BERLIN).kind()).isEqualTo(Decision.Kind.SKIP);
    }

    @Test
    void quietHoursAcrossMidnightHoldUntilTheirEndInTheUsersZone() {
        Preferences quiet = with(false, NIGHTS, Map.of());
        Decision lateEvening = quiet.decide(Channel.PUSH, SOCIAL, berlin("2026-03-10T23:30"), BERLIN);
        assertThat(lateEvening.kind()).isEqualTo(Decision.Kind.HOLD_UNTIL);
        assertThat(lateEvening.until()).isEqualTo(berlin("2026-03-11T07:00"));
        assertThat(lateEvening.reason()).isEqualTo("quiet hours");
        Decision earlyMorning = quiet.decide(Channel.PUSH, SOCIAL, berlin("2026-03-11T06:59"), BERLIN);
        assertThat(earlyMorning.until()).isEqualTo(berlin("2026-03-11T07:00"));
        assertThat(quiet.decide(Channel.PUSH, SOCIAL, berlin("2026-03-11T07:00"), BERLIN)
                        .deliversNow())
                .isTrue();
        assertThat(quiet.decide(Channel.PUSH, SOCIAL, berlin("2026-03-10T21:59"), BERLIN)
                        .deliversNow())
                .isTrue();
        // the same instant is daytime for a user in New York
        assertThat(quiet.decide(Channel.PUSH, SOCIAL, berlin("2026-03-10T23:30"), ZoneId.of("America/New_York"))
                        .deliversNow())
                .isTrue();
        // the in-app inbox stores it, but not as a toast
        assertThat(quiet.decide(Channel.IN_APP, SOCIAL, berlin("2026-03-10T23:30"), BERLIN)
                        .deliversNow())
                .isFalse();
        Notice criticalPush = new Notice("system", true, Set.of(Channel.IN_APP, Channel.PUSH));
        assertThat(quiet.decide(Channel.PUSH, criticalPush, berlin("2026-03-10T23:30"), BERLIN)
                        .deliversNow())
                .isTrue();
    }

    @Test
    void quietHoursStartOnlyOnTheirDaysAndRunIntoTheNextDay() {
        // weeknights only: Friday 22:00 to Saturday 07:00 is quiet, Saturday night is not
        QuietHours weeknights = new QuietHours(
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(22, 0), LocalTime.of(7, 0));
        Preferences prefs = with(false, weeknights, Map.of());
        // 2026-03-13 is a Friday
        assertThat(prefs.decide(Channel.PUSH, SOCIAL, berlin("2026-03-14T06:00"), BERLIN)
                        .until())
                .isEqualTo(berlin("2026-03-14T07:00"));
        assertThat(prefs.decide(Channel.PUSH, SOCIAL, berlin("2026-03-14T23:00"), BERLIN)
                        .deliversNow())
                .isTrue();
        assertThat(prefs.decide(Channel.PUSH, SOCIAL, berlin("2026-03-15T06:00"), BERLIN)
                        .deliversNow())
                .isTrue();
    }

    @Test
    void quietHoursHoldAcrossTheDstChanges() {
        Preferences prefs = with(
                false,
                new QuietHours(EnumSet.allOf(DayOfWeek.class), LocalTime.of(1, 0), LocalTime.of(4, 0)),
                Map.of());
        // spring forward in Berlin on 2026-03-29: 02:00 becomes 03:00, the window is two real hours long
        Instant springStart = berlin("2026-03-29T01:30");
        Decision spring = prefs.decide(Channel.PUSH, SOCIAL, springStart, BERLIN);
        assertThat(spring.until()).isEqualTo(Instant.parse("2026-03-29T02:00:00Z"));
        assertThat(java.time.Duration.between(springStart, spring.until())).hasMinutes(90);
        // fall back on 2026-10-25: 03:00 happens twice, the window is four real hours long
        Instant fallStart = Instant.parse("2026-10-24T23:00:00Z"); // 01:00 CEST
        Decision fall = prefs.decide(Channel.PUSH, SOCIAL, fallStart, BERLIN);
        assertThat(fall.until()).isEqualTo(Instant.parse("2026-10-25T03:00:00Z")); // 04:00 CET
        assertThat(java.time.Duration.between(fallStart, fall.until())).hasHours(4);
        // a window starting in the skipped hour starts when the clocks jump
        Preferences gap = with(
                false,
                new QuietHours(EnumSet.allOf(DayOfWeek.class), LocalTime.of(2, 30), LocalTime.of(5, 0)),
                Map.of());
        assertThat(gap.decide(Channel.PUSH, SOCIAL, Instant.parse("2026-03-29T01:00:00Z"), BERLIN)
                        .kind())
                .isEqualTo(Decision.Kind.HOLD_UNTIL);
    }

    @Test
    void digestsHoldUntilTheNextDigestOutsideQuietHours() {
        Preferences hourly = with(false, null, Map.of(Channel.EMAIL, new Digest(Digest.Cadence.HOURLY, null)));
        Decision email = hourly.decide(Channel.EMAIL, SOCIAL, berlin("2026-03-10T12:20"), BERLIN);
        assertThat(email.kind()).isEqualTo(Decision.Kind.DIGEST);
        assertThat(email.until()).isEqualTo(berlin("2026-03-10T13:00"));
        assertThat(email.reason()).isEqualTo("hourly digest");
        assertThat(hourly.decide(Channel.PUSH, SOCIAL, berlin("2026-03-10T12:20"), BERLIN)
                        .deliversNow())
                .isTrue();
        // an hourly digest due at 22:00, inside quiet hours, waits for their end
        Preferences night = with(false, NIGHTS, Map.of(Channel.EMAIL, new Digest(Digest.Cadence.HOURLY, null)));
        assertThat(night.decide(Channel.EMAIL, SOCIAL, berlin("2026-03-10T21:40"), BERLIN)
                        .until())
                .isEqualTo(berlin("2026-03-11T07:00"));
        Preferences daily =
                with(false, null, Map.of(Channel.EMAIL, new Digest(Digest.Cadence.DAILY, LocalTime.of(8, 0))));
        assertThat(daily.decide(Channel.EMAIL, SOCIAL, berlin("2026-03-10T07:59"), BERLIN)
                        .until())
                .isEqualTo(berlin("2026-03-10T08:00"));
        assertThat(daily.decide(Channel.EMAIL, SOCIAL, berlin("2026-03-10T08:00"), BERLIN)
                        .until())
                .isEqualTo(berlin("2026-03-11T08:00"));
        // critical skips the digest
        assertThat(daily.decide(Channel.EMAIL, CRITICAL, berlin("2026-03-10T09:00"), BERLIN)
                        .deliversNow())
                .isTrue();
    }
}
