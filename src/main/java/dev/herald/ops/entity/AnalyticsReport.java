package dev.herald.ops.entity;

import static java.util.Objects.requireNonNull;

import dev.herald.channel.control.DeliveryActivity;
import dev.herald.inbox.control.InboxActivity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What came in and what became of it over a window: per bucket, events in (notifications created plus events aggregated
 * into existing ones, one per recipient), notifications stored, seen and read; per channel, deliveries delivered,
 * failed attempts, dead letters, sends a workflow step held (delayed) and cancelled; per type, the totals with the read rate (read / stored) and the median seconds from
 * creation to reading; and the overall rate and median. A rate or median with nothing to divide is null.
 */
public record AnalyticsReport(
        AnalyticsWindow window,
        String type,
        Map<String, List<Long>> series,
        Map<String, Map<String, List<Long>>> channels,
        List<TypeRow> types,
        Double readRate,
        Double medianSecondsToRead) {
    /**
     * The metrics as counted, named by the features that count them: each has a time of its own (created, absorbed,
     * seen, read, settled, tried, died).
     */
    public static final String STORED = InboxActivity.STORED;

    public static final String ABSORBED = InboxActivity.ABSORBED;
    public static final String SEEN = InboxActivity.SEEN;
    public static final String READ = InboxActivity.READ;
    public static final String DELIVERED = DeliveryActivity.DELIVERED;
    public static final String FAILED = DeliveryActivity.FAILED;
    public static final String DEAD = DeliveryActivity.DEAD;
    public static final String DELAYED = DeliveryActivity.DELAYED;
    public static final String CANCELLED = DeliveryActivity.CANCELLED;

    /** Reported only: notifications stored plus events absorbed. */
    public static final String EVENTS_IN = "eventsIn";

    public static final List<String> CHANNEL_SERIES = List.of(DELIVERED, FAILED, DEAD, DELAYED, CANCELLED);

    private static final Set<String> INBOX = Set.of(STORED, ABSORBED, SEEN, READ);

    /** One type's totals over the window. */
    public record TypeRow(
            String type,
            long eventsIn,
            long stored,
            long seen,
            long read,
            Double readRate,
            Double medianSecondsToRead) {}

    public AnalyticsReport {
        requireNonNull(window);
        series = Collections.unmodifiableMap(new LinkedHashMap<>(series));
        channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
        types = List.copyOf(types);
    }

    /** {@code part / whole}, or null when the whole is zero. */
    static Double rate(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    /** Collects the counted rows of one window, then makes the report. */
    public static final class Tally {
        private final AnalyticsWindow window;
        private final String type;
        private final Map<String, long[]> buckets = new HashMap<>();
        private final Map<String, Map<String, long[]>> channels = new LinkedHashMap<>();
        private final Map<String, Map<String, Long>> byType = new HashMap<>();
        private final Map<String, Double> medians = new HashMap<>();
        private final Map<String, Long> totals = new HashMap<>();
        private Double median;

        /** {@code channels}: those to show even with nothing counted, in order. */
        public Tally(AnalyticsWindow window, String type, Collection<String> channels) {
            this.window = requireNonNull(window);
            this.type = type;
            channels.forEach(this::channel);
        }

        /** A metric's count in one bucket; {@code channel} for a channel's metric, null for the inbox's. */
        public void bucket(String metric, String channel, int bucket, long count) {
            long[] series;
            if (INBOX.contains(metric)) {
                series = buckets.computeIfAbsent(metric, m -> new long[window.count()]);
            } else if (CHANNEL_SERIES.contains(metric)) {
                series = channel(requireNonNull(channel, "a channel's metric has a channel"))
                        .get(metric);
            } else {
                throw new IllegalArgumentException("unknown metric " + metric);
            }
            series[bucket] += count;
        }

        /**
         * An inbox metric's count for one type; the median time to read comes with {@link #READ}. Events aggregated
         * into a notification deleted since have no type: they count in the series, not in a type's row.
         */
        public void byType(String metric, String type, long count, Double medianSeconds) {
            if (!INBOX.contains(metric)) {
                throw new IllegalArgumentException("not counted by type: " + metric);
            }
            if (type == null) {
                return;
            }
            byType.computeIfAbsent(type, t -> new HashMap<>()).merge(metric, count, Long::sum);
            if (READ.equals(metric)) {
                medians.put(type, medianSeconds);
            }
        }

        /** An inbox metric's count over the whole window; the overall median time to read comes with {@link #READ}. */
        public void total(String metric, long count, Double medianSeconds) {
            totals.merge(metric, count, Long::sum);
            if (READ.equals(metric)) {
                median = medianSeconds;
            }
        }

        public AnalyticsReport report() {
            Map<String, List<Long>> series = new LinkedHashMap<>();
            long[] eventsIn = new long[window.count()];
            for (int i = 0; i < eventsIn.length; i++) {
                eventsIn[i] = series(STORED)[i] + series(ABSORBED)[i];
            }
            series.put(EVENTS_IN, list(eventsIn));
            series.put(STORED, list(series(STORED)));
            series.put(SEEN, list(series(SEEN)));
            series.put(READ, list(series(READ)));
            Map<String, Map<String, List<Long>>> perChannel = new LinkedHashMap<>();
            channels.forEach((channel, metrics) -> {
                Map<String, List<Long>> lists = new LinkedHashMap<>();
                metrics.forEach((metric, counts) -> lists.put(metric, list(counts)));
                perChannel.put(channel, Collections.unmodifiableMap(lists));
            });
            List<TypeRow> rows = new ArrayList<>();
            byType.forEach((name, counts) -> {
                long stored = counts.getOrDefault(STORED, 0L);
                long read = counts.getOrDefault(READ, 0L);
                rows.add(new TypeRow(
                        name,
                        stored + counts.getOrDefault(ABSORBED, 0L),
                        stored,
                        counts.getOrDefault(SEEN, 0L),
                        read,
                        rate(read, stored),
                        medians.get(name)));
            });
            rows.sort(Comparator.comparingLong(TypeRow::eventsIn).reversed().thenComparing(TypeRow::type));
            return new AnalyticsReport(
                    window,
                    type,
                    series,
                    perChannel,
                    rows,
                    rate(totals.getOrDefault(READ, 0L), totals.getOrDefault(STORED, 0L)),
                    median);
        }

        private Map<String, long[]> channel(String channel) {
            return channels.computeIfAbsent(channel, c -> {
                Map<String, long[]> metrics = new LinkedHashMap<>();
                CHANNEL_SERIES.forEach(m -> metrics.put(m, new long[window.count()]));
                return metrics;
            });
        }

        private long[] series(String metric) {
            return buckets.getOrDefault(metric, new long[window.count()]);
        }

        private static List<Long> list(long[] counts) {
            List<Long> list = new ArrayList<>(counts.length);
            for (long c : counts) {
                list.add(c);
            }
            return Collections.unmodifiableList(list);
        }
    }
}
