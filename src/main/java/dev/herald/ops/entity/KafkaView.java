package dev.herald.ops.entity;

import java.util.List;

/**
 * What Kafka's admin client says about Herald's topics and consumer groups at one moment: end offsets, message
 * rates, and per group the committed offsets and the lag behind the end. {@code error} says why Kafka could not be
 * read (then the lists are empty).
 */
public record KafkaView(boolean reachable, String error, List<Topic> topics, List<Group> groups) {
    public record Topic(String name, long endOffset, Double ratePerSecond, List<PartitionEnd> partitions) {}

    public record PartitionEnd(int partition, long endOffset) {}

    /** A consumer group; {@code role} is intake, channel or live. */
    public record Group(
            String group, String role, String state, int members, long lag, List<PartitionLag> partitions) {}

    public record PartitionLag(String topic, int partition, long committed, long endOffset, long lag) {}

    public static KafkaView unreachable(String error) {
        return new KafkaView(false, error, List.of(), List.of());
    }
}
