package dev.herald.platform.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The healing rules, with Kafka's own MockProducer standing in for the producers it builds. */
class HealingProducerTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<MockProducer<String, String>> built = new ArrayList<>();
    private volatile RuntimeException unreachable;

    private HealingProducer<String> producer() {
        return new HealingProducer<>(
                "the test publisher",
                "herald.events",
                () -> {
                    MockProducer<String, String> mock = new Unreachable();
                    built.add(mock);
                    return mock;
                },
                scheduler,
                Clock.systemUTC());
    }

    /** A producer that cannot reach the broker while the test says so. */
    private final class Unreachable extends MockProducer<String, String> {
        Unreachable() {
            super(false, null, new StringSerializer(), new StringSerializer());
        }

        @Override
        public synchronized List<PartitionInfo> partitionsFor(String topic) {
            RuntimeException failure = unreachable;
            if (failure != null) {
                throw failure;
            }
            return super.partitionsFor(topic);
        }
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void aRefusedSendIsReportedAndANewProducerTakesOverOnceTheBrokerAnswers() {
        unreachable = new SaslAuthenticationException("Authentication failed during authentication");
        HealingProducer<String> producer = producer();
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.problem() != null);
        assertThat(producer.problem())
                .startsWith("the test publisher cannot publish")
                .contains("Kafka refused Herald's credentials");
        await().atMost(Duration.ofSeconds(10)).until(() -> built.size() >= 2); // tried again, with a new producer

        unreachable = null;
        await().atMost(Duration.ofSeconds(30)).until(() -> producer.problem() == null);
        assertThat(built.get(0).closed()).as("the broken producer is closed").isTrue();
        MockProducer<String, String> healed = built.get(built.size() - 1);
        producer.send(new ProducerRecord<>("herald.events", "k", "v"));
        assertThat(healed.history()).hasSize(1);
    }

    @Test
    void expiredBatchesReplaceTheProducerButARecordsOwnFaultDoesNot() {
        HealingProducer<String> producer = producer();
        MockProducer<String, String> first = built.get(0);
        producer.send(new ProducerRecord<>("herald.events", "k", "too large"));
        first.errorNext(new RecordTooLargeException("too large"));
        assertThat(producer.problem()).isNull();

        producer.send(new ProducerRecord<>("herald.events", "k", "expires"));
        first.errorNext(new TimeoutException("Expiring 1 record(s) for herald.events-0: 10000 ms has passed"));
        assertThat(producer.problem()).contains("Kafka did not answer in time");
        await().atMost(Duration.ofSeconds(10)).until(() -> producer.problem() == null);
        assertThat(built).hasSizeGreaterThanOrEqualTo(2);
        assertThat(first.closed()).isTrue();
    }
}
