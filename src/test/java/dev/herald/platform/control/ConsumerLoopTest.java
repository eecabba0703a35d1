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
