package dev.herald.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * A real three-node KRaft cluster on this machine, each node (broker and controller) its own process, as users run
 * Kafka in production: topics replicated three times with {@code min.insync.replicas=2}, so one node may die while
 * every acknowledged record stays kept.
 */
public final class KafkaCluster implements AutoCloseable {
    public static final int REPLICATION = 3;
    public static final int MIN_IN_SYNC = 2;

    private final List<KafkaProcess> nodes;

    private KafkaCluster(List<KafkaProcess> nodes) {
        this.nodes = nodes;
    }

    /** Formats and starts {@link #REPLICATION} nodes under {@code dir} and waits until each answers. */
    public static KafkaCluster start(Path dir) throws Exception {
        List<Integer> controllerPorts = new ArrayList<>();
        for (int i = 0; i < REPLICATION; i++) {
            controllerPorts.add(Ports.free());
        }
        String voters = java.util.stream.IntStream.range(0, REPLICATION)
                .mapToObj(i -> (i + 1) + "@127.0.0.1:" + controllerPorts.get(i))
                .collect(Collectors.joining(","));
        String clusterId = Uuid.randomUuid().toString();
        Properties replicated = new Properties();
        replicated.put("default.replication.factor", String.valueOf(REPLICATION));
        replicated.put("min.insync.replicas", String.valueOf(MIN_IN_SYNC));
        replicated.put("offsets.topic.replication.factor", String.valueOf(REPLICATION));
        replicated.put("transaction.state.log.replication.factor", String.valueOf(REPLICATION));
        replicated.put("transaction.state.log.min.isr", String.valueOf(MIN_IN_SYNC));
        replicated.put("share.coordinator.state.topic.replication.factor", String.valueOf(REPLICATION));
        replicated.put("share.coordinator.state.topic.min.isr", String.valueOf(MIN_IN_SYNC));
        // a clean stop hands leadership over; an unclean leader election could lose acknowledged records
        replicated.put("unclean.leader.election.enable", "false");
        List<KafkaProcess> nodes = new ArrayList<>();
        for (int i = 0; i < REPLICATION; i++) {
            nodes.add(new KafkaProcess(
                            dir.resolve("node-" + (i + 1)),
                            i + 1,
                            controllerPorts.get(i),
                            voters,
                            clusterId,
                            replicated)
                    .heap("256m"));
        }
        KafkaCluster cluster = new KafkaCluster(nodes);
        try {
            for (KafkaProcess node : nodes) {
                node.launch();
            }
            for (KafkaProcess node : nodes) {
                node.awaitUp(Duration.ofSeconds(90));
            }
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** Every node's external listener, as Herald's bootstrap servers. */
    public String externalBootstrap() {
        return nodes.stream().map(KafkaProcess::externalBootstrap).collect(Collectors.joining(","));
    }

    public String internalBootstrap() {
        return nodes.stream().map(KafkaProcess::internalBootstrap).collect(Collectors.joining(","));
    }

    public Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", internalBootstrap(), "request.timeout.ms", "5000"));
    }

    public List<KafkaProcess> nodes() {
        return List.copyOf(nodes);
    }

    public KafkaProcess node(int id) {
        return nodes.stream()
                .filter(n -> n.nodeId() == id)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + id));
    }

    /** Creates topics (name to partition count), each replicated {@link #REPLICATION} times. */
    public void createTopics(Map<String, Integer> topics) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(topics.entrySet().stream()
                            .map(t -> new NewTopic(t.getKey(), t.getValue(), (short) REPLICATION)
                                    .configs(Map.of("min.insync.replicas", String.valueOf(MIN_IN_SYNC))))
                            .toList())
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
    }

    /** The node that leads the most partitions of {@code topic} now. */
    public KafkaProcess leaderOf(String topic) throws Exception {
        Map<Integer, Long> led = partitions(List.of(topic)).stream()
                .filter(p -> p.leader() != null)
                .collect(Collectors.groupingBy(p -> p.leader().id(), Collectors.counting()));
        int leader = led.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow(() -> new IllegalStateException(topic + " has no leader"))
                .getKey();
        return node(leader);
    }

    /** Which node leads each partition of {@code topics}, and which replicas are in sync, in words. */
    public String describe(Collection<String> topics) throws Exception {
        return partitions(topics).stream()
                .map(p -> "p" + p.partition() + " leader "
                        + (p.leader() == null ? "none" : p.leader().id()) + " isr "
                        + p.isr().stream().map(n -> String.valueOf(n.id())).toList())
                .collect(Collectors.joining("; "));
    }

    /** Waits until every partition of {@code topics} has all its replicas in sync again. */
    public void awaitInSync(Collection<String> topics, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                List<TopicPartitionInfo> partitions = partitions(topics);
                if (partitions.stream()
                        .allMatch(p -> p.leader() != null && p.isr().size() == REPLICATION)) {
                    return;
                }
                last = describe(topics);
            } catch (Exception e) {
                last = e.toString();
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IllegalStateException("replicas not in sync after " + timeout + ": " + last);
    }

    private List<TopicPartitionInfo> partitions(Collection<String> topics) throws Exception {
        try (Admin admin = admin()) {
            Map<String, TopicDescription> described =
                    admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
            return described.values().stream()
                    .flatMap(d -> d.partitions().stream())
                    .toList();
        }
    }

    /** Ends every node at once (SIGKILL): the cluster's data is thrown away, and a clean stop of the last node would
     * wait for a controller quorum that is already gone. */
    @Override
    public void close() throws InterruptedException {
        for (KafkaProcess node : nodes) {
            if (node.alive()) {
                node.kill();
            }
        }
    }
}
