package dev.herald.event.control;

import dev.herald.event.entity.IncomingRecord;
import dev.herald.platform.control.KafkaSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Replays a time window of {@code herald.events} through intake: a consumer of its own, in no group (it commits
 * nothing and moves no one's offsets), reads each partition from the first record at or after {@code from} up to the
 * first at or after {@code to} (by the records' Kafka timestamps), in batches of 500 that intake stores again where
 * something is missing.
 */
@ApplicationScoped
public class WindowReplay {
    private static final Duration POLL = Duration.ofMillis(500);
    private static final int BATCH = 500;
    private static final Duration STALL = Duration.ofSeconds(30);

    @Inject
    KafkaSettings kafka;

    @Inject
    EventIntake intake;

    @Inject
    @ConfigProperty(name = "herald.topic.events", defaultValue = "herald.events")
    String topic;

    @Inject
    @ConfigProperty(name = "herald.replay.max-records", defaultValue = "200000")
    long maxRecords;

    /** What a replay read and did. */
    public record Result(long scanned, long matched, long restored, long present, long invalid) {}

    /** The window holds more records than one replay may read. */
    public static final class TooLargeException extends RuntimeException {
        public TooLargeException(long records, long limit) {
            super("the window holds " + records + " records, more than the " + limit
                    + " one replay reads (HERALD_REPLAY_MAX_RECORDS); replay a shorter window or one user or type");
        }
    }

    /** Kafka gave no record for too long while records of the window were still to come. */
    public static final class StalledException extends RuntimeException {
        public StalledException(String message) {
            super(message);
        }
    }

    public Result replay(Instant from, Instant to, String user, String type) {
        Properties properties = kafka.clientProperties("herald-replay-" + UUID.randomUUID());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(BATCH));
        properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            Map<TopicPartition, long[]> ranges = ranges(consumer, from, to);
            long total = ranges.values().stream().mapToLong(r -> r[1] - r[0]).sum();
            if (total > maxRecords) {
                throw new TooLargeException(total, maxRecords);
            }
            ranges.values().removeIf(r -> r[1] <= r[0]);
            consumer.assign(ranges.keySet());
            ranges.forEach((partition, range) -> consumer.seek(partition, range[0]));
            return read(consumer, ranges, user, type);
        }
    }

    /** Per partition: the first offset in the window and the first after it. */
    private Map<TopicPartition, long[]> ranges(KafkaConsumer<String, String> consumer, Instant from, Instant to) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic)) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times(partitions, from));
        Map<TopicPartition, OffsetAndTimestamp> stops = consumer.offsetsForTimes(times(partitions, to));
        Map<TopicPartition, long[]> ranges = new LinkedHashMap<>();
        for (TopicPartition partition : partitions) {
            long end = ends.get(partition);
            OffsetAndTimestamp start = starts.get(partition);
            OffsetAndTimestamp stop = stops.get(partition);
            long first = start == null ? end : start.offset();
            long last = stop == null ? end : stop.offset();
            ranges.put(partition, new long[] {first, Math.max(first, last)});
        }
        return ranges;
    }

    private static Map<TopicPartition, Long> times(List<TopicPartition> partitions, Instant at) {
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(p -> times.put(p, at.toEpochMilli()));
        return times;
    }

    private Result read(
            KafkaConsumer<String, String> consumer, Map<TopicPartition, long[]> ranges, String user, String type) {
        long scanned = 0;
        long matched = 0;
        long restored = 0;
        long invalid = 0;
        Map<TopicPartition, long[]> open = new HashMap<>(ranges);
        List<IncomingRecord> batch = new ArrayList<>(BATCH);
        long progressAt = System.nanoTime();
        while (!open.isEmpty()) {
            if (System.nanoTime() - progressAt > STALL.toNanos()) {
                throw new StalledException("Kafka gave no record of the window for " + STALL.toSeconds() + " s; "
                        + scanned + " records were replayed before");
            }
            for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                long[] range = open.get(partition);
                if (range == null || record.offset() >= range[1]) {
                    continue;
                }
                scanned++;
                batch.add(KafkaRecords.incoming(record));
                progressAt = System.nanoTime();
            }
            // a partition is done once its position passed the window (also over gaps of compaction or aborted
            // transactions)
            open.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue()[1]);
            consumer.pause(
                    ranges.keySet().stream().filter(p -> !open.containsKey(p)).toList());
            if (batch.size() >= BATCH || (open.isEmpty() && !batch.isEmpty())) {
                EventIntake.Replayed done = intake.replay(batch, user, type);
                matched += done.matched();
                restored += done.restored();
                invalid += done.invalid();
                batch = new ArrayList<>(BATCH);
                progressAt = System.nanoTime(); // a slow batch is not Kafka's silence
            }
        }
        return new Result(scanned, matched, restored, matched - restored, invalid);
    }
}
