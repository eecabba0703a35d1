package dev.herald.platform.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;

/** The loop's own rules, with Kafka's in-memory consumer: replaced after a failure, commits only what was handled. */
class ConsumerLoopTest {
    static final TopicPartition P0 = new TopicPartition("events", 0);

    @Test
    void aConsumerThatFailsIsReplacedAndOffsetsAreCommittedOnlyAfterTheHandlerReturned() throws Exception {
        MockConsumer<String, String> refusing = new MockConsumer<>("earliest");
        refusing.setPollException(new SaslAuthenticationException("bad password"));
        MockConsumer<String, String> working = new MockConsumer<>("earliest");
        working.schedulePollTask(() -> {
            working.rebalance(List.of(P0));
            working.updateBeginningOffsets(Map.of(P0, 0L));
            working.addRecord(new ConsumerRecord<>("events", 0, 0, "k", "a"));
            working.addRecord(new ConsumerRecord<>("events", 0, 1, "k", "b"));
        });
        Queue<MockConsumer<String, String>> consumers = new ArrayDeque<>(List.of(refusing, working));
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        List<Long> committedWhileHandling = Collections.synchronizedList(new ArrayList<>());
        ConsumerLoop<String> loop = new ConsumerLoop<>(
                "test",
                "events",
                consumers::remove,
                records -> {
                    var committed = working.committed(Set.of(P0)).get(P0);
                    committedWhileHandling.add(committed == null ? -1 : committed.offset());
                    records.forEach(r -> handled.add(r.value()));
                },
                true,
                new Batches(500, 500, Duration.ofMillis(5)),
                Clock.systemUTC(),
                Duration.ofMinutes(1));
        loop.start(Thread::new);

        await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 2);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> working.committed(Set.of(P0)).get(P0) != null
                        && working.committed(Set.of(P0)).get(P0).offset() == 2);
        assertThat(handled).containsExactly("a", "b");
        assertThat(committedWhileHandling).containsExactly(-1L);
        assertThat(refusing.closed()).isTrue();
        assertThat(loop.alive()).isTrue();

        loop.stop();
        assertThat(loop.alive()).isFalse();
        assertThat(working.closed()).isTrue();
    }

    @Test
    void whileHeldNothingIsTakenNotEvenFromPartitionsARebalanceHandsOverAndOnReleaseEverythingIs() {
        TopicPartition p1 = new TopicPartition("events", 1);
        MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0));
            consumer.updateBeginningOffsets(Map.of(P0, 0L, p1, 0L));
            consumer.updateEndOffsets(Map.of(P0, 1L, p1, 1L));
        });
        java.util.concurrent.atomic.AtomicBoolean hold = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        ConsumerLoop<String> loop = new ConsumerLoop<>(
                "test",
                "events",
                () -> consumer,
                records -> records.forEach(r -> handled.add(r.value())),
                true,
                new Batches(500, 500, Duration.ofMillis(5)),
                Clock.systemUTC(),
                Duration.ofMinutes(1));
        loop.holdWhile(hold::get);
        loop.start(Thread::new);

        await().atMost(Duration.ofSeconds(10)).until(() -> loop.state().isPaused());
        // another member left: the group hands this one a partition more; records wait on both (added after the
        // rebalance: Kafka's MockConsumer drops what it buffered when it rebalances, a real broker keeps its log)
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(P0, p1));
            consumer.addRecord(new ConsumerRecord<>("events", 0, 0, "k", "a"));
            consumer.addRecord(new ConsumerRecord<>("events", 1, 0, "k", "b"));
        });
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(handled::isEmpty);
        assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, p1);
        assertThat(loop.state().problem()).as("held on purpose is no stall").isNull();
        // paused partitions are not fetched: the lag comes from the broker's end offsets and still counts them
        await().atMost(Duration.ofSeconds(5)).until(() -> loop.state().lag() == 2);

        hold.set(false);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(handled)
                .as(consumer.paused() + " " + loop.state().problem())
                .hasSize(2));
        assertThat(handled).containsExactlyInAnyOrder("a", "b");
        assertThat(loop.state().isPaused()).isFalse();
        assertThat(consumer.paused()).isEmpty();
        loop.stop();
    }

    @Test
    void whileKafkaRefusesTheCredentialsReadinessSaysSoAndTheLoopKeepsTrying() {
        List<MockConsumer<String, String>> made = Collections.synchronizedList(new ArrayList<>());
        ConsumerLoop<String> loop = new ConsumerLoop<>(
                "test",
                "events",
                () -> {
                    MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
                    consumer.setPollException(new SaslAuthenticationException("invalid credentials"));
                    made.add(consumer);
                    return consumer;
                },
                records -> {},
                true,
                new Batches(500, 500, Duration.ofMillis(5)),
                Clock.systemUTC(),
                Duration.ofMinutes(1));
        loop.start(Thread::new);

        await().atMost(Duration.ofSeconds(10)).until(() -> made.size() >= 3);
        assertThat(loop.state().problem()).startsWith("Kafka refused Herald's credentials");
        assertThat(loop.alive()).isTrue();
        loop.stop();
        assertThat(made).allMatch(MockConsumer::closed);
    }
}
