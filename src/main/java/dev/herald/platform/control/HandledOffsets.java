package dev.herald.platform.control;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The next offset to commit per partition, everything before it handled: committed asynchronously after each batch,
 * and synchronously for partitions about to be revoked and before the consumer closes. Used by the loop's thread only.
 */
final class HandledOffsets {
    private static final Logger LOG = Logger.getLogger(HandledOffsets.class.getName());
    private final Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();

    /** Notes the batch as handled and commits it without waiting: a lost commit is covered by the next one. */
    <V> void commitAsync(Consumer<String, V> consumer, List<ConsumerRecord<String, V>> batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, V> record : batch) { // one partition's records come in offset order
            offsets.put(
                    new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
        }
        handled.putAll(offsets);
        consumer.commitAsync(offsets, null);
    }

    /** Commits what was handled of {@code partitions} (all when null) and waits; a failure only means redelivery. */
    void commitSync(Consumer<String, ?> consumer, Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(handled);
        if (partitions != null) {
            offsets.keySet().retainAll(partitions);
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets, Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            LOG.fine(() -> "Committing handled offsets failed; those records are redelivered: " + e);
        }
        handled.keySet().removeAll(offsets.keySet());
    }

    /** Partitions another member may own already: nothing is committed for them. */
    void forget(Collection<TopicPartition> partitions) {
        handled.keySet().removeAll(partitions);
    }

    void clear() {
        handled.clear();
    }
}
