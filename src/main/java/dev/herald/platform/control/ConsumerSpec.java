package dev.herald.platform.control;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.serialization.Deserializer;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.Tag;

/**
 * One Kafka consumer as a feature declares it; {@link KafkaConsumers} builds, runs and watches it.
 *
 * @param name the consumer's own name: its thread ({@code herald-consumer-<name>}) and its health data
 * @param check the health check it answers under ({@code kafka-consumer-intake}); several consumers may share one
 * @param topic the topic it subscribes to
 * @param group its consumer group
 * @param values how record values are read (keys are always strings: the user)
 * @param commit whether offsets are committed after each batch
 * @param batches how records are gathered into one handled batch
 * @param overrides Kafka consumer settings beyond the shared ones
 * @param lag a gauge of its lag, or null for none
 * @param hold while this answers true the consumer keeps its partitions paused (see {@link ConsumerLoop#holdWhile})
 * @param handler handles each batch; returns only when it is durably done
 */
public record ConsumerSpec<V>(
        String name,
        String check,
        String topic,
        String group,
        Deserializer<V> values,
        Commit commit,
        Batches batches,
        Map<String, String> overrides,
        Lag lag,
        BooleanSupplier hold,
        ConsumerLoop.BatchHandler<V> handler) {

    public enum Commit {
        /** Offsets are committed once the batch is handled: a crash redelivers, never skips. */
        AFTER_EACH_BATCH,
        /** Nothing is committed: the consumer reads from where its reset policy says on each start. */
        NEVER
    }

    /** The lag gauge a consumer publishes. */
    public record Lag(Metadata metadata, Tag... tags) {}

    public ConsumerSpec {
        requireNonNull(name);
        requireNonNull(check);
        requireNonNull(topic);
        requireNonNull(group);
        requireNonNull(values);
        requireNonNull(commit);
        requireNonNull(batches);
        overrides = Map.copyOf(overrides);
        hold = hold == null ? () -> false : hold;
        requireNonNull(handler);
    }
}
