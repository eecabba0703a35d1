package dev.herald.event.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.devstack.KafkaCluster;
import dev.herald.devstack.KafkaProcess;
import dev.herald.devstack.Stack;
import dev.herald.testing.ClosedAfterAll;
import dev.herald.testing.EventLoad;
import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import dev.herald.testing.LiveClient;
import dev.herald.testing.TestStack;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Herald on a replicated Kafka cluster as users run it: three KRaft nodes (each its own process), every topic
 * replicated three times with {@code min.insync.replicas=2}, Herald's producers {@code acks=all} and idempotent. The
 * node leading Herald's partitions is SIGKILLed under load over Kafka and REST, and later all three are restarted one
 * after the other. Every acknowledged event (a broker ack, or a 202) is stored exactly once, intake and live push go
 * on without a restart of Herald, and readiness is UP again by itself. The figures (time without intake, REST
 * answers, lag peak, readiness seen) are printed, not asserted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaClusterIT {
    @RegisterExtension
    static final ClosedAfterAll own = new ClosedAfterAll();

    static final List<String> TOPICS = List.copyOf(Stack.topics(4).keySet());
    static KafkaCluster cluster;
    static Herald herald;

    @BeforeAll
    static void start() throws Exception {
        TestStack.shared();
        cluster = own.add(KafkaCluster.start(TestStack.workDir("kafka-cluster")));
        cluster.createTopics(Stack.topics(4));
        herald = own.add(Herald.onOwnBroker(
                "herald-cluster",
                cluster.externalBootstrap(),
                Map.of(
                        "HERALD_KAFKA_BOOTSTRAP_SERVERS",
                        cluster.externalBootstrap(),
                        // the production default (see BrokerCrashIT): a socket may have a few hundred to fill
                        "HERALD_LIVE_RESUME_LIMIT",
                        "500")));
        herald.server().awaitReady(Duration.ofMinutes(3));
    }

    @Test
    @Order(1)
    void theLeaderKilledUnderLoadLosesNothingAndIntakeAndPushGoOn() throws Exception {
        Scenario scenario = new Scenario("leader kill");
        // 2,000 events a second offered: what two cores carry beside three brokers, two Liberty servers and the test
        EventLoad load = scenario.load(1_800, 200, Duration.ofSeconds(15));
        TimeUnit.SECONDS.sleep(4);
        KafkaProcess leader = cluster.leaderOf(Stack.EVENTS_TOPIC);
        String before = cluster.describe(List.of(Stack.EVENTS_TOPIC));
        leader.kill();
        scenario.mark("node " + leader.nodeId() + " SIGKILLed (it led: " + before + ")");
        TimeUnit.SECONDS.sleep(8);
        leader.start(Duration.ofMinutes(3));
        scenario.mark("node " + leader.nodeId() + " started again");
        scenario.finish(load);
    }

    @Test
    @Order(2)
    void aRollingRestartOfAllThreeNodesLosesNothing() throws Exception {
        Scenario scenario = new Scenario("rolling restart");
        // a steady trickle for as long as the restart takes
        EventLoad load = scenario.load(200, 50, Duration.ofMinutes(6));
        TimeUnit.SECONDS.sleep(2);
        for (KafkaProcess node : cluster.nodes()) {
            node.stop();
            scenario.mark("node " + node.nodeId() + " stopped");
            node.start(Duration.ofMinutes(3));
            cluster.awaitInSync(TOPICS, Duration.ofMinutes(2));
            scenario.mark("node " + node.nodeId() + " back and in sync");
        }
        load.stop();
        scenario.finish(load);
    }

    /** One fault under load: the watched socket, the sampler of readiness and lag, and the checks at the end. */
    private static final class Scenario {
        private final String name;
        private final String watched = Events.newUser("watched");
        private final List<String> users = new ArrayList<>();
        private final LiveClient socket;
        private final Instant started = Instant.now();
        private final ConcurrentLinkedQueue<String> timeline = new ConcurrentLinkedQueue<>();
        private final AtomicLong lagPeak = new AtomicLong();
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        private volatile String lastReadiness = "";

        Scenario(String name) throws Exception {
            this.name = name;
            IntStream.range(0, 9).forEach(i -> users.add(Events.newUser("cluster")));
            users.add(watched);
            socket = herald.connectLive(watched);
            socket.resume(0);
            Admin admin = cluster.admin();
            sampler.scheduleWithFixedDelay(() -> sample(admin), 0, 250, TimeUnit.MILLISECONDS);
        }

        EventLoad load(int kafkaPerSecond, int restPerSecond, Duration duration) {
            return new EventLoad(users)
                    .viaKafka(cluster.externalBootstrap(), kafkaPerSecond, duration)
                    .viaRest(herald, 8, restPerSecond, duration);
        }

        void mark(String what) {
            timeline.add(at() + " " + what);
        }

        /** Readiness when it changes, and the intake group's lag as Kafka counts it. */
        private void sample(Admin admin) {
            try {
                HttpResponse<String> ready = herald.readiness();
                String state = ready.statusCode() == 200 ? "UP" : "DOWN: " + downChecks(ready);
                if (!state.equals(lastReadiness)) {
                    lastReadiness = state;
                    timeline.add(at() + " readiness " + state);
                }
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("herald-intake")
                        .partitionsToOffsetAndMetadata()
                        .get(2, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                        .filter(tp -> tp.topic().equals(Stack.EVENTS_TOPIC))
                        .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
                long ends = admin.listOffsets(latest).all().get(2, TimeUnit.SECONDS).values().stream()
                        .mapToLong(o -> o.offset())
                        .sum();
                long done = latest.keySet().stream()
                        .mapToLong(tp -> committed.get(tp) == null
                                ? 0
                                : committed.get(tp).offset())
                        .sum();
                lagPeak.accumulateAndGet(ends - done, Math::max);
            } catch (Exception e) {
                // a node is down or leadership moves: the next sample asks again
            }
        }

        /** The checks that are DOWN, each with its error. */
        private static String downChecks(HttpResponse<String> ready) {
            return Herald.json(ready).getJsonArray("checks").stream()
                    .map(JsonValue::asJsonObject)
                    .filter(check -> "DOWN".equals(check.getString("status")))
                    .map(check -> check.getString("name") + " ("
                            + check.getJsonObject("data")
                                    .getString("error", "no error given")
                                    .replaceAll("for \\d+ s", "for n s")
                            + ")")
                    .sorted()
                    .collect(Collectors.joining(", "));
        }

        private String at() {
            return String.format(
                    "%5.1fs", Duration.between(started, Instant.now()).toMillis() / 1000.0);
        }

        void finish(EventLoad load) throws Exception {
            load.await(Duration.ofMinutes(4));
            mark("load done");
            Set<String> acknowledged = load.acknowledged();
            Map<String, Integer> stored = await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> herald.storedPerEvent(load.prefix()), counts -> counts.keySet()
                            .containsAll(acknowledged));
            assertThat(stored.values()).as("no event stored twice").allMatch(count -> count == 1);
            Set<String> sent = load.sent();
            assertThat(stored.keySet().stream().filter(id -> !sent.contains(id)).toList())
                    .as("stored events that were never sent")
                    .isEmpty();
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> herald.readiness().statusCode() == 200);

            int watchedStored = herald.storedCount(watched);
            socket.awaitFrames("notification.created", watchedStored, Duration.ofSeconds(60));
            assertThat(socket.frames("notification.created").stream()
                            .map(LiveClient::seq)
                            .toList())
                    .as("the open socket got every notification of its user, in order, once")
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, watchedStored)
                            .mapToObj(i -> (long) i)
                            .toList());
            socket.close();
            sampler.shutdownNow();
            sampler.awaitTermination(10, TimeUnit.SECONDS);

            System.out.printf(
                    "KafkaClusterIT %s: %d sent in %d s, %d acknowledged and stored once (%d refused); REST answers %s;"
                            + " longest time without intake %d ms; intake lag peak %d records; timeline:%n  %s%n",
                    name,
                    load.sent().size(),
                    load.elapsed().toSeconds(),
                    acknowledged.size(),
                    load.refused(),
                    load.restAnswers(),
                    longestIntakePause(load.prefix()).toMillis(),
                    lagPeak.get(),
                    String.join("\n  ", timeline));
        }
    }

    /** The longest time between two events of the load being stored, by the notifications' creation times. */
    private static Duration longestIntakePause(String prefix) throws Exception {
        try (Connection db = herald.database();
                PreparedStatement query = db.prepareStatement(
                        "SELECT created_at FROM notification WHERE event_id LIKE ? ORDER BY created_at")) {
            query.setString(1, prefix + "%");
            Duration longest = Duration.ZERO;
            Instant previous = null;
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    Instant at = rows.getTimestamp(1, java.util.Calendar.getInstance())
                            .toInstant();
                    if (previous != null && Duration.between(previous, at).compareTo(longest) > 0) {
                        longest = Duration.between(previous, at);
                    }
                    previous = at;
                }
            }
            return longest;
        }
    }
}
