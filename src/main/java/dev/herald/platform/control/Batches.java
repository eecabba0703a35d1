package dev.herald.platform.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * How a consumer loop gathers a batch: at most {@code maxRecords}, from polls of at most {@code perPoll} records (the
 * consumer's {@code max.poll.records}), waiting at most {@code linger} after the first record for more.
 */
public record Batches(int maxRecords, int perPoll, Duration linger) {
    private static final Duration POLL = Duration.ofMillis(500);

    /** One poll, then more while the batch has room, the linger since its first record has not passed, and running. */
    <V> List<ConsumerRecord<String, V>> gather(Consumer<String, V> consumer, BooleanSupplier running) {
        List<ConsumerRecord<String, V>> batch = new ArrayList<>();
        consumer.poll(POLL).forEach(batch::add);
        if (batch.isEmpty()) {
            return batch;
        }
        long until = System.nanoTime() + linger.toNanos();
        while (running.getAsBoolean() && batch.size() + perPoll <= maxRecords) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                break;
            }
            ConsumerRecords<String, V> more = consumer.poll(Duration.ofNanos(left));
            if (more.isEmpty()) {
                break;
            }
            more.forEach(batch::add);
        }
        return batch;
    }
}
