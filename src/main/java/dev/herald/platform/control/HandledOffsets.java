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
 * The next offset to commit per partition, everything before it handled: committed asynchronously at most every
 * {@link #ASYNC_EVERY} (a consumer handing over one record at a time would otherwise send the broker a commit per
 * record; what is handled and not yet committed is only redelivered after a crash, and intake is idempotent), and
 * synchronously for partitions about to be revoked and before the consumer closes. Used by the loop's thread only.
 */
final class HandledOffsets {
    static final Duration ASYNC_EVERY = Duration.ofMillis(100);
    private static final Logger LOG = Logger.getLogger(HandledOffsets.class.getName());
    private final Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private long committedAt = System.nanoTime() - ASYNC_EVERY.toNanos();

    /** Notes the batch as handled. */
    <V> void handled(List<ConsumerRecord<String, V>> batch) {
        for (ConsumerRecord<String, V> record : batch) { // one partition's records come in offset order
            TopicPartition partition = new TopicPartition(record.topic(), record.partition());
            OffsetAndMetadata next = new OffsetAndMetadata(record.offset() + 1);
            handled.put(partition, next);
            uncommitted.put(partition, next);
        }
    }

    /** Commits what was handled since the last commit, without waiting, once {@link #ASYNC_EVERY} has passed. */
    void commitAsyncIfDue(Consumer<String, ?> consumer) {
        long now = System.nanoTime();
        if (uncommitted.isEmpty() || now - committedAt < ASYNC_EVERY.toNanos()) {
            return;
        }
        committedAt = now;
        // a lost commit is covered by the next one
        consumer.commitAsync(new HashMap<>(uncommitted), null);
        uncommitted.clear();
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
        uncommitted.keySet().removeAll(offsets.keySet());
    }

    /** Partitions another member may own already: nothing is committed for them. */
    void forget(Collection<TopicPartition> partitions) {
        handled.keySet().removeAll(partitions);
        uncommitted.keySet().removeAll(partitions);
    }

    void clear() {
        handled.clear();
        uncommitted.clear();
    }
}
