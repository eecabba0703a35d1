package dev.herald.ops.entity;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The time range analytics count over, [from, to), cut into UTC hours or days: the first bucket starts at {@code from}
 * truncated to its hour or day (as {@code date_trunc} in UTC), the last one holds the instant just before {@code to}.
 * Buckets are labelled by their start; only what happened within [from, to) is counted, so a partial first or last
 * bucket counts part of its span. UTC hours and days are always 3600 and 86400 seconds long, so a bucket's index is
 * plain arithmetic on epoch seconds.
 */
public record AnalyticsWindow(Instant from, Instant to, Bucket bucket) {
    public static final int MAX_BUCKETS = 400;
    public static final Duration DEFAULT_SPAN = Duration.ofHours(24);

    /** Outside these years PostgreSQL's and Java's timestamps do not both reach. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    public enum Bucket {
        HOUR(ChronoUnit.HOURS),
        DAY(ChronoUnit.DAYS);

        private final ChronoUnit unit;

        Bucket(ChronoUnit unit) {
            this.unit = unit;
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public long seconds() {
            return unit.getDuration().getSeconds();
        }

        public static Optional<Bucket> of(String wire) {
            for (Bucket b : values()) {
                if (b.wire().equals(wire)) {
                    return Optional.of(b);
                }
            }
            return Optional.empty();
        }
    }

    public AnalyticsWindow {
        requireNonNull(from);
        requireNonNull(to);
        requireNonNull(bucket);
        if (from.isBefore(EARLIEST) || from.isAfter(LATEST)) {
            throw new InvalidWindowException("from", "must be between the years 1 and 9999");
        }
        if (to.isBefore(EARLIEST) || to.isAfter(LATEST)) {
            throw new InvalidWindowException("to", "must be between the years 1 and 9999");
        }
        if (!to.isAfter(from)) {
            throw new InvalidWindowException("to", "must be after from");
        }
        long count = count(from, to, bucket);
        if (count > MAX_BUCKETS) {
            throw new InvalidWindowException(
                    "bucket",
                    "the range spans " + count + " " + bucket.wire() + "s; at most " + MAX_BUCKETS
                            + (bucket == Bucket.HOUR
                                    ? ": use bucket=day or a shorter range"
                                    : ": use a shorter range"));
        }
    }

    /** The window asked for: an end left out is now, a start left out is {@link #DEFAULT_SPAN} before the end. */
    public static AnalyticsWindow of(Instant from, Instant to, Bucket bucket, Instant now) {
        Instant end = to != null ? to : now;
        return new AnalyticsWindow(from != null ? from : end.minus(DEFAULT_SPAN), end, bucket);
    }

    /** Where the first bucket starts. */
    public Instant first() {
        return from.truncatedTo(bucket.unit);
    }

    public int count() {
        return (int) count(from, to, bucket);
    }

    /** The start of each bucket, in order. */
    public List<Instant> starts() {
        List<Instant> starts = new ArrayList<>(count());
        for (int i = 0; i < count(); i++) {
            starts.add(first().plusSeconds(i * bucket.seconds()));
        }
        return starts;
    }

    private static long count(Instant from, Instant to, Bucket bucket) {
        Duration span = Duration.between(from.truncatedTo(bucket.unit), to);
        long seconds = span.toSeconds() + (span.toNanosPart() > 0 ? 1 : 0);
        return (seconds + bucket.seconds() - 1) / bucket.seconds();
    }
}
