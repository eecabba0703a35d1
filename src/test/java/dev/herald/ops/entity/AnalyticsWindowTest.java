package dev.herald.ops.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.ops.entity.AnalyticsWindow.Bucket;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AnalyticsWindowTest {
    static final Instant NOW = Instant.parse("2026-11-29T19:40:00Z");

    @Test
    void byDefaultTheLast24HoursUpToNowIn25HourlyBucketsTheFirstOnePartial() {
        AnalyticsWindow window = AnalyticsWindow.of(null, null, Bucket.HOUR, NOW);

        assertThat(window.from()).isEqualTo(Instant.parse("2026-11-28T19:40:00Z"));
        assertThat(window.to()).isEqualTo(NOW);
        assertThat(window.count()).isEqualTo(25);
        assertThat(window.starts().get(0)).isEqualTo(Instant.parse("2026-11-28T19:00:00Z"));
        assertThat(window.starts().get(24)).isEqualTo(Instant.parse("2026-11-29T19:00:00Z"));
    }

    @Test
    void aStartLeftOutIs24HoursBeforeTheEndGiven() {
        AnalyticsWindow window = AnalyticsWindow.of(null, Instant.parse("2026-11-29T00:00:00Z"), Bucket.DAY, NOW);

        assertThat(window.from()).isEqualTo(Instant.parse("2026-11-28T00:00:00Z"));
        assertThat(window.starts()).containsExactly(Instant.parse("2026-11-28T00:00:00Z"));
    }

    @Test
    void anEndOnABoundaryOpensNoBucketAndAnyInstantPastItDoes() {
        Instant from = Instant.parse("2026-11-29T18:00:00Z");

        assertThat(new AnalyticsWindow(from, Instant.parse("2026-11-29T20:00:00Z"), Bucket.HOUR).count())
                .isEqualTo(2);
        assertThat(new AnalyticsWindow(from, Instant.parse("2026-11-29T20:00:00.000000001Z"), Bucket.HOUR).count())
                .isEqualTo(3);
        assertThat(new AnalyticsWindow(from, Instant.parse("2026-11-29T18:00:00.5Z"), Bucket.HOUR).count())
                .isEqualTo(1);
    }

    @Test
    void daysAreUtcDays() {
        AnalyticsWindow window = new AnalyticsWindow(
                Instant.parse("2026-11-27T23:30:00Z"), Instant.parse("2026-11-29T00:30:00Z"), Bucket.DAY);

        assertThat(window.starts())
                .containsExactly(
                        Instant.parse("2026-11-27T00:00:00Z"),
                        Instant.parse("2026-11-28T00:00:00Z"),
                        Instant.parse("2026-11-29T00:00:00Z"));
        assertThat(window.bucket().seconds()).isEqualTo(86_400);
    }

    @Test
    void atMost400Buckets() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");

        assertThat(new AnalyticsWindow(from, from.plusSeconds(400 * 3600L), Bucket.HOUR).count())
                .isEqualTo(400);
        assertThatThrownBy(() -> new AnalyticsWindow(from, from.plusSeconds(400 * 3600L + 1), Bucket.HOUR))
                .isInstanceOfSatisfying(InvalidWindowException.class, e -> assertThat(e.parameter())
                        .isEqualTo("bucket"))
                .hasMessage("the range spans 401 hours; at most 400: use bucket=day or a shorter range");
        assertThatThrownBy(() -> new AnalyticsWindow(from, from.plusSeconds(500 * 86_400L), Bucket.DAY))
                .hasMessage("the range spans 500 days; at most 400: use a shorter range");
    }

    @Test
    void theEndMustBeAfterTheStart() {
        assertThatThrownBy(() -> new AnalyticsWindow(NOW, NOW, Bucket.HOUR))
                .isInstanceOfSatisfying(InvalidWindowException.class, e -> assertThat(e.parameter())
                        .isEqualTo("to"))
                .hasMessage("must be after from");
        assertThatThrownBy(() -> AnalyticsWindow.of(NOW.plusSeconds(1), null, Bucket.HOUR, NOW))
                .isInstanceOf(InvalidWindowException.class);
    }

    @Test
    void instantsTheDatabaseCannotHoldAreRefusedNotSentToIt() {
        Instant far = Instant.parse("+20000-01-01T00:00:00Z");

        assertThatThrownBy(() -> new AnalyticsWindow(far, far.plusSeconds(3600), Bucket.HOUR))
                .isInstanceOfSatisfying(InvalidWindowException.class, e -> assertThat(e.parameter())
                        .isEqualTo("from"));
        assertThatThrownBy(() -> new AnalyticsWindow(NOW, Instant.MAX, Bucket.HOUR))
                .isInstanceOfSatisfying(InvalidWindowException.class, e -> assertThat(e.parameter())
                        .isEqualTo("to"));
    }

    @Test
    void bucketsByTheirWireNames() {
        assertThat(Bucket.of("hour")).contains(Bucket.HOUR);
        assertThat(Bucket.of("day")).contains(Bucket.DAY);
        assertThat(Bucket.of("week")).isEmpty();
        assertThat(Bucket.of(null)).isEmpty();
    }
}
