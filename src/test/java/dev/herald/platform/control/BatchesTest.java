package dev.herald.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Batching adapts to the load: a caught-up consumer hands over what it has, a backlog fills batches. */
class BatchesTest {
    static final TopicPartition P0 = new TopicPartition("events", 0);
    static final Batches INTAKE = new Batches(500, 125, Duration.ofSeconds(30));

    @Test
    void aPollThatIsNotFullGoesAtOnceWithoutLingering() {
        MockConsumer<String, String> consumer = consumerWith(3);
        // the linger is 30 s: had it been waited for, the test would take that long and then some
        long started = System.nanoTime();
        List<ConsumerRecord<String, String>> batch = INTAKE.gather(consumer, () -> true);
        assertThat(batch).hasSize(3);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void fullPollsKeepFillingTheBatchUpToItsMaximum() {
        MockConsumer<String, String> consumer = consumerWith(1_200);
        assertThat(INTAKE.gather(consumer, () -> true))
                .hasSize(500)
                .extracting(ConsumerRecord::offset)
                .startsWith(0L, 1L, 2L)
                .endsWith(499L);
        assertThat(INTAKE.gather(consumer, () -> true)).hasSize(500);
        assertThat(INTAKE.gather(consumer, () -> true)).hasSize(200);
    }

    @Test
    void aStoppingLoopTakesOnlyTheFirstPoll() {
        MockConsumer<String, String> consumer = consumerWith(1_200);
        assertThat(INTAKE.gather(consumer, () -> false)).hasSize(125);
    }

    @Test
    void nothingWaitingGivesAnEmptyBatch() {
        MockConsumer<String, String> consumer = consumerWith(0);
        assertThat(new Batches(500, 125, Duration.ZERO).gather(consumer, () -> true))
                .isEmpty();
    }

    private static MockConsumer<String, String> consumerWith(int records) {
        MockConsumer<String, String> consumer = new MockConsumer<>("earliest");
        consumer.assign(List.of(P0));
        consumer.updateBeginningOffsets(Map.of(P0, 0L));
        consumer.setMaxPollRecords(125);
        for (int i = 0; i < records; i++) {
            consumer.addRecord(new ConsumerRecord<>("events", 0, i, "k", "v" + i));
        }
        return consumer;
    }
}
