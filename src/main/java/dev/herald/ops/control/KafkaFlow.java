package dev.herald.ops.control;

import dev.herald.ops.entity.KafkaView;
import dev.herald.platform.control.KafkaFailures;
import dev.herald.platform.control.KafkaSettings;
import dev.herald.platform.control.KafkaTopics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the flow through Kafka with its admin client: each of Herald's topics with its partitions, end offsets and
 * message rate (from the end offsets' growth since the previous look), and each of Herald's consumer groups with its
 * committed offsets and the lag behind the end per partition: the same numbers {@code kafka-consumer-groups.sh
 * --describe} shows. Looks are cached for a second, so several consoles cost Kafka one look.
 */
@ApplicationScoped
public class KafkaFlow {
    private static final long TIMEOUT_SECONDS = 5;
    private static final Duration FRESH = Duration.ofSeconds(1);
    private static final Duration RATE_MIN_INTERVAL = Duration.ofMillis(500);

    @Inject
    KafkaSettings kafka;

    @Inject
    KafkaTopics topics;

    @Inject
    @ConfigProperty(name = "herald.kafka.group-id", defaultValue = "herald-intake")
    String intakeGroup;

    private Admin admin;
    private KafkaView last;
    private long lastAt;
    private final Map<String, long[]> samples = new HashMap<>(); // topic -> {nanoTime, end offset}

    /** Herald's topics, in the order the flow goes. */
    List<String> topics() {
        return topics.names();
    }

    /** The role of one of Herald's groups, or null for a group that is not Herald's. */
    String role(String group) {
        if (group.equals(intakeGroup)) {
            return "intake";
        }
        if (group.startsWith("herald-channel-")) {
            return "channel";
        }
        if (group.startsWith("herald-live-")) {
            return "live";
        }
        return null;
    }

    public synchronized KafkaView look() {
        long now = System.nanoTime();
        if (last != null && now - lastAt < FRESH.toNanos()) {
            return last;
        }
        try {
            last = read(admin(), now);
        } catch (ExecutionException e) {
            last = KafkaView.unreachable(KafkaFailures.describe(e.getCause()));
        } catch (TimeoutException e) {
            last = KafkaView.unreachable("Kafka did not answer within " + TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            last = KafkaView.unreachable("interrupted");
        } catch (RuntimeException e) {
            last = KafkaView.unreachable(KafkaFailures.describe(e));
        }
        lastAt = now;
        return last;
    }

    /** The end offset of every partition of Herald's existing topics. */
    Map<TopicPartition, Long> endOffsets(Admin admin, List<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (var entry : admin.describeTopics(topics).topicNameValues().entrySet()) {
            TopicDescription description;
            try {
                description = entry.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    continue; // not created yet (a channel never used)
                }
                throw e;
            }
            description
                    .partitions()
                    .forEach(p -> latest.put(new TopicPartition(entry.getKey(), p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> infos =
                admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        infos.forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    private KafkaView read(Admin admin, long now) throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, Long> ends = endOffsets(admin, topics());
        List<KafkaView.Topic> topics = new ArrayList<>();
        for (String topic : topics()) {
            List<KafkaView.PartitionEnd> partitions = ends.entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic))
                    .map(e -> new KafkaView.PartitionEnd(e.getKey().partition(), e.getValue()))
                    .sorted(Comparator.comparingInt(KafkaView.PartitionEnd::partition))
                    .toList();
            if (partitions.isEmpty()) {
                continue;
            }
            long end = partitions.stream()
                    .mapToLong(KafkaView.PartitionEnd::endOffset)
                    .sum();
            topics.add(new KafkaView.Topic(topic, end, rate(topic, end, now), partitions));
        }
        return new KafkaView(true, null, topics, groups(admin, ends));
    }

    /** Records per second since the previous sample, or null without one. */
    private Double rate(String topic, long end, long now) {
        long[] before = samples.get(topic);
        if (before != null && now - before[0] < RATE_MIN_INTERVAL.toNanos()) {
            return null;
        }
        samples.put(topic, new long[] {now, end});
        if (before == null) {
            return null;
        }
        return Math.max(0, end - before[1]) / ((now - before[0]) / 1e9);
    }

    private List<KafkaView.Group> groups(Admin admin, Map<TopicPartition, Long> ends)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> ours = new ArrayList<>();
        for (GroupListing listing : admin.listGroups().all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            if (role(listing.groupId()) != null) {
                ours.add(listing.groupId());
            }
        }
        if (ours.isEmpty()) {
            return List.of();
        }
        Map<String, ConsumerGroupDescription> descriptions =
                admin.describeConsumerGroups(ours).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<String, KafkaView.Group> groups = new TreeMap<>();
        for (String group : ours) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<KafkaView.PartitionLag> partitions = new ArrayList<>();
            committed.forEach((partition, offset) -> {
                Long end = ends.get(partition);
                if (offset != null && end != null) {
                    partitions.add(new KafkaView.PartitionLag(
                            partition.topic(),
                            partition.partition(),
                            offset.offset(),
                            end,
                            Math.max(0, end - offset.offset())));
                }
            });
            partitions.sort(Comparator.comparing(KafkaView.PartitionLag::topic)
                    .thenComparingInt(KafkaView.PartitionLag::partition));
            ConsumerGroupDescription description = descriptions.get(group);
            groups.put(
                    group,
                    new KafkaView.Group(
                            group,
                            role(group),
                            description == null
                                    ? "Unknown"
                                    : description.groupState().toString(),
                            description == null ? 0 : description.members().size(),
                            partitions.stream()
                                    .mapToLong(KafkaView.PartitionLag::lag)
                                    .sum(),
                            partitions));
        }
        return List.copyOf(groups.values());
    }

    private Admin admin() {
        if (admin == null) {
            Properties properties = kafka.clientProperties("herald-ops");
            properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT_SECONDS * 1000));
            properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT_SECONDS * 1000));
            admin = Admin.create(properties);
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(3));
        }
    }
}
