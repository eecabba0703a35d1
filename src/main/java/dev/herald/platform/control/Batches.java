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
 * consumer's {@code max.poll.records}). Batching adapts to the load: a poll that returns less than a full page means
 * the consumer has caught up, and the batch goes at once (no record waits for company when traffic is light); while
 * polls come back full there is a backlog, and the batch keeps filling, waiting at most {@code linger} for each
 * further poll.
 */
public record Batches(int maxRecords, int perPoll, Duration linger) {
    private static final Duration POLL = Duration.ofMillis(500);

    /** One poll, then more while each came back full, the batch has room and the loop is running. */
    <V> List<ConsumerRecord<String, V>> gather(Consumer<String, V> consumer, BooleanSupplier running) {
        List<ConsumerRecord<String, V>> batch = new ArrayList<>();
        ConsumerRecords<String, V> polled = consumer.poll(POLL);
        polled.forEach(batch::add);
        while (polled.count() >= perPoll && batch.size() + perPoll <= maxRecords && running.getAsBoolean()) {
            polled = consumer.poll(linger);
            polled.forEach(batch::add);
        }
        return batch;
    }
}
