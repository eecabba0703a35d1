package dev.herald.ops.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.ops.entity.AnalyticsWindow.Bucket;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyticsReportTest {
    final AnalyticsWindow window = new AnalyticsWindow(
            Instant.parse("2026-11-29T18:00:00Z"), Instant.parse("2026-11-29T21:00:00Z"), Bucket.HOUR);

    @Test
    void eventsInAreTheNotificationsStoredAndTheEventsAggregatedWithZerosWhereNothingWasCounted() {
        AnalyticsReport.Tally tally = new AnalyticsReport.Tally(window, null, List.of());
        tally.bucket(AnalyticsReport.STORED, null, 0, 4);
        tally.bucket(AnalyticsReport.ABSORBED, null, 0, 1);
        tally.bucket(AnalyticsReport.ABSORBED, null, 2, 2);
        tally.bucket(AnalyticsReport.READ, null, 1, 1);

        AnalyticsReport report = tally.report();

        assertThat(report.series()).containsOnlyKeys("eventsIn", "stored", "seen", "read");
        assertThat(report.series().keySet()).containsExactly("eventsIn", "stored", "seen", "read");
        assertThat(report.series().get("eventsIn")).containsExactly(5L, 0L, 2L);
        assertThat(report.series().get("stored")).containsExactly(4L, 0L, 0L);
        assertThat(report.series().get("seen")).containsExactly(0L, 0L, 0L);
        assertThat(report.series().get("read")).containsExactly(0L, 1L, 0L);
    }

    @Test
    void configuredChannelsAreShownWithZerosAndOthersOnlyWithCounts() {
        AnalyticsReport.Tally tally = new AnalyticsReport.Tally(window, null, List.of("email", "webhook"));
        tally.bucket(AnalyticsReport.FAILED, "sms", 1, 3);
        tally.bucket(AnalyticsReport.DELIVERED, "email", 2, 7);

        AnalyticsReport report = tally.report();

        assertThat(report.channels().keySet()).containsExactly("email", "webhook", "sms");
        assertThat(report.channels().get("email").get("delivered")).containsExactly(0L, 0L, 7L);
        assertThat(report.channels().get("webhook").get("dead")).containsExactly(0L, 0L, 0L);
        assertThat(report.channels().get("sms").get("failed")).containsExactly(0L, 3L, 0L);
        assertThat(report.channels().get("sms").keySet())
                .containsExactly("delivered", "failed", "dead", "delayed", "cancelled");
    }

    @Test
    void typesWithTheirReadRateAndMedianBusiestFirst() {
        AnalyticsReport.Tally tally = new AnalyticsReport.Tally(window, null, List.of());
        tally.byType(AnalyticsReport.STORED, "b.type", 10, null);
        tally.byType(AnalyticsReport.READ, "b.type", 4, 95.0);
        tally.byType(AnalyticsReport.SEEN, "b.type", 6, null);
        tally.byType(AnalyticsReport.ABSORBED, "b.type", 2, null);
        tally.byType(AnalyticsReport.STORED, "a.type", 12, null);
        tally.byType(AnalyticsReport.READ, "c.type", 1, 30.0);
        tally.byType(AnalyticsReport.ABSORBED, null, 5, null);
        tally.total(AnalyticsReport.STORED, 22, null);
        tally.total(AnalyticsReport.READ, 5, 80.0);

        AnalyticsReport report = tally.report();

        assertThat(report.types())
                .containsExactly(
                        new AnalyticsReport.TypeRow("a.type", 12, 12, 0, 0, 0.0, null),
                        new AnalyticsReport.TypeRow("b.type", 12, 10, 6, 4, 0.4, 95.0),
                        new AnalyticsReport.TypeRow("c.type", 0, 0, 0, 1, null, 30.0));
        assertThat(report.readRate()).isEqualTo(5.0 / 22);
        assertThat(report.medianSecondsToRead()).isEqualTo(80.0);
    }

    @Test
    void nothingStoredHasNoRate() {
        AnalyticsReport report = new AnalyticsReport.Tally(window, "x", List.of()).report();

        assertThat(report.readRate()).isNull();
        assertThat(report.medianSecondsToRead()).isNull();
        assertThat(report.types()).isEmpty();
        assertThat(report.type()).isEqualTo("x");
    }

    @Test
    void anUnknownMetricIsAnErrorNotADroppedRow() {
        AnalyticsReport.Tally tally = new AnalyticsReport.Tally(window, null, List.of());

        assertThatThrownBy(() -> tally.bucket("opened", null, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tally.byType(AnalyticsReport.DEAD, "t", 1, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tally.bucket(AnalyticsReport.DEAD, null, 0, 1))
                .isInstanceOf(NullPointerException.class);
    }
}
