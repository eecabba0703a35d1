package dev.herald.ops.entity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.channel.entity.DeliveryTrace;
import dev.herald.channel.entity.DeliveryView.Attempt;
import dev.herald.inbox.entity.NotificationSummary;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplanationTest {
    static final Instant CREATED = Instant.parse("2026-11-29T18:10:00Z");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static NotificationSummary notification(boolean silent, int eventCount, Instant seen, Instant read) {
        return new NotificationSummary(
                "n1",
                "alice",
                "ci",
                "evt-1",
                "job.status.updated",
                "jobs",
                "normal",
                "Job failed",
                CREATED,
                silent,
                seen,
                read,
                null,
                null,
                eventCount);
    }

    static DeliveryTrace delivery(String channel, String status, String reason, int attempts, Instant due) {
        return delivery(channel, status, null, reason, attempts, due);
    }

    static DeliveryTrace delivery(
            String channel, String status, String decision, String reason, int attempts, Instant due) {
        return new DeliveryTrace(
                "d-" + channel,
                channel,
                "t-" + channel,
                status,
                decision,
                null,
                reason,
                attempts,
                due,
                CREATED,
                CREATED,
                null,
                null,
                List.of());
    }

    @Test
    void aDeliveredNotificationSaysWhenItWasSeenAndReadAndHowEachChannelEnded() {
        NotificationSummary n =
                notification(false, 1, Instant.parse("2026-11-29T18:20:00Z"), Instant.parse("2026-11-29T18:30:00Z"));
        List<DeliveryTrace> deliveries = List.of(
                delivery("email", "delivered", null, 2, null),
                delivery("sms", "skipped", "you turned sms off", 0, null),
                delivery("webhook", "dead", "410: gone", 1, null),
                DeliveryTrace.missing("push", "no address: the user had no push subscription then"));

        assertThat(Explanation.of(n, deliveries, BERLIN))
                .isEqualTo("stored; in the app with a toast; seen 19:20, read 19:30; email delivered on attempt 2;"
                        + " sms skipped: you turned sms off; webhook dead after 1 attempt: 410: gone;"
                        + " push skipped: no address: the user had no push subscription then; times in Europe/Berlin");
    }

    @Test
    void aSilentNotificationIsExplainedByTheMuteItsDeliveriesWereHeldFor() {
        List<DeliveryTrace> deliveries = List.of(
                delivery("email", "held", "hold-muted", "muted: held until you unmute", 0, null),
                delivery("push", "held", "hold-muted", "muted: held until you unmute", 0, null));

        assertThat(Explanation.of(notification(true, 1, null, null), deliveries, ZoneOffset.UTC))
                .isEqualTo("stored; in the app silently (muted); not seen yet; email held while muted, until the user"
                        + " unmutes; push held while muted, until the user unmutes");
    }

    @Test
    void aSilentNotificationIsExplainedByQuietHoursAndTheHoldsEndIsInTheUsersZoneWithItsDateOnAnotherDay() {
        List<DeliveryTrace> deliveries = List.of(
                delivery("email", "held", "hold-until", "quiet hours", 0, Instant.parse("2026-11-30T06:00:00Z")));

        assertThat(Explanation.of(notification(true, 1, null, null), deliveries, BERLIN))
                .isEqualTo("stored; in the app silently (quiet hours); not seen yet;"
                        + " email held by quiet hours until 2026-11-30 07:00; times in Europe/Berlin");
    }

    @Test
    void anUnmuteReleaseStillTellsTheNotificationWasSilencedByTheMute() {
        List<DeliveryTrace> deliveries = List.of(delivery(
                "email", "held", "hold-muted", "released: you unmuted", 0, Instant.parse("2026-11-29T18:45:00Z")));

        assertThat(Explanation.of(notification(true, 1, null, null), deliveries, ZoneOffset.UTC))
                .isEqualTo("stored; in the app silently (muted); not seen yet;"
                        + " email released (the user unmuted), due 18:45; times in UTC");
    }

    @Test
    void withoutAHintInItsDeliveriesASilentNotificationSaysTheReasonIsNotRecorded() {
        assertThat(Explanation.of(notification(true, 1, null, null), List.of(), ZoneOffset.UTC))
                .isEqualTo("stored; in the app silently (muted, quiet hours or the app off for its category; which"
                        + " is not recorded); not seen yet");
    }

    @Test
    void anAggregateCountsItsLaterEventsAndDoesNotGuessWhyItIsSilent() {
        // its flag is its newest event's, its deliveries its first event's
        List<DeliveryTrace> deliveries =
                List.of(delivery("push", "held", "hold-muted", "muted: held until you unmute", 0, null));

        assertThat(Explanation.of(notification(true, 3, null, null), deliveries, ZoneOffset.UTC))
                .startsWith("stored; 2 more events aggregated into it (only the app gets those); in the app silently"
                        + " (muted, quiet hours or the app off for its category; which is not recorded)");
        assertThat(Explanation.of(notification(false, 2, null, null), List.of(), ZoneOffset.UTC))
                .isEqualTo("stored; 1 more event aggregated into it (only the app gets those); in the app with a"
                        + " toast; not seen yet");
    }

    @Test
    void aFailedDeliverySaysWhyAndWhenTheRetryIsDue() {
        List<DeliveryTrace> deliveries =
                List.of(delivery("webhook", "failed", "503: busy", 1, Instant.parse("2026-11-29T19:30:00Z")));

        assertThat(Explanation.of(notification(false, 1, null, null), deliveries, ZoneOffset.UTC))
                .endsWith("webhook failed (attempt 1: 503: busy), retry due 19:30; times in UTC");
    }

    @Test
    void queuedSendingAndAReplayAreNamed() {
        List<DeliveryTrace> deliveries = List.of(
                delivery("email", "queued", "replayed by an admin", 3, CREATED),
                delivery("sms", "sending", null, 1, CREATED),
                delivery("push", "sent", null, 1, null));

        assertThat(Explanation.of(notification(false, 1, null, null), deliveries, ZoneOffset.UTC))
                .endsWith("email queued (replayed by an admin); sms sending (attempt 1); push sent");
    }

    @Test
    void severalTargetsOfOneChannelAreToldApart() {
        List<DeliveryTrace> deliveries =
                List.of(delivery("push", "sent", null, 1, null), delivery("push", "failed", null, 2, null)).stream()
                        .map(d -> new DeliveryTrace(
                                d.id(),
                                d.channel(),
                                "sub-" + d.status(),
                                d.status(),
                                d.decision(),
                                d.step(),
                                d.reason(),
                                d.attempts(),
                                d.dueAt(),
                                d.createdAt(),
                                d.updatedAt(),
                                null,
                                null,
                                List.of()))
                        .toList();

        assertThat(Explanation.of(notification(false, 1, null, null), deliveries, ZoneOffset.UTC))
                .endsWith("push to sub-sent sent; push to sub-failed failed on attempt 2");
    }

    @Test
    void aDigestIsWaitedForUntilItIsDueThenItsOwnDeliveryTells() {
        DeliveryTrace waiting = new DeliveryTrace(
                "d1",
                "email",
                null,
                "digest",
                "digest",
                null,
                "daily digest",
                0,
                Instant.parse("2026-11-30T07:00:00Z"),
                CREATED,
                CREATED,
                null,
                null,
                List.of());
        DeliveryTrace sending = new DeliveryTrace(
                "d1",
                "email",
                null,
                "digest",
                "digest",
                null,
                "daily digest",
                1,
                Instant.parse("2026-11-30T07:05:00Z"),
                CREATED,
                CREATED,
                "dg1",
                "failed",
                List.of(new Attempt(1, Instant.parse("2026-11-30T07:00:00Z"), null, "transient", 503, "busy")));
        DeliveryTrace gone = new DeliveryTrace(
                "d1",
                "email",
                null,
                "digest",
                "digest",
                null,
                "daily digest",
                0,
                null,
                CREATED,
                CREATED,
                "dg1",
                null,
                List.of());

        assertThat(Explanation.of(notification(false, 1, null, null), List.of(waiting), ZoneOffset.UTC))
                .endsWith("email waits for the daily digest at 2026-11-30 07:00; times in UTC");
        assertThat(Explanation.of(notification(false, 1, null, null), List.of(sending), ZoneOffset.UTC))
                .endsWith("email listed in a digest, which is failed (retry due 2026-11-30 07:05); times in UTC");
        assertThat(Explanation.of(notification(false, 1, null, null), List.of(gone), ZoneOffset.UTC))
                .endsWith("email listed in a digest whose delivery is gone");
    }

    @Test
    void archivedAndSnoozedAreTold() {
        NotificationSummary n = new NotificationSummary(
                "n1",
                "alice",
                "ci",
                "evt-1",
                "t",
                "c",
                "critical",
                "x",
                CREATED,
                false,
                null,
                null,
                Instant.parse("2026-11-29T20:00:00Z"),
                Instant.parse("2026-12-01T08:00:00Z"),
                1);

        assertThat(Explanation.of(n, List.of(), ZoneOffset.UTC))
                .isEqualTo("stored; in the app with a toast (critical); archived 20:00;"
                        + " snoozed until 2026-12-01 08:00; not seen yet; times in UTC");
    }

    @Test
    void workflowStepsAreTold() {
        DeliveryTrace waiting = delivery(
                "email", "delayed", "deliver", "workflow: waits PT15M, unless read", 0, CREATED.plusSeconds(900));
        DeliveryTrace cancelled =
                delivery("push", "cancelled", "deliver", "read at 2026-11-29T10:05:00Z, before it went", 0, null);
        DeliveryTrace sentAfter = new DeliveryTrace(
                "d-sms", "sms", "t-sms", "sent", "deliver", "delay", null, 1, null, CREATED, CREATED, null, null,
                List.of());

        assertThat(Explanation.of(
                        notification(false, 1, null, null), List.of(waiting, cancelled, sentAfter), ZoneOffset.UTC))
                .contains("email delayed by its workflow until ")
                .contains("(workflow: waits PT15M, unless read)")
                .contains("push cancelled by its workflow (read at 2026-11-29T10:05:00Z, before it went)")
                .contains("sms after its workflow's delay: sent;");
    }
}
