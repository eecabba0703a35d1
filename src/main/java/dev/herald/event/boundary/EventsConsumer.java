package dev.herald.event.boundary;

import dev.herald.event.control.IntakeMeter;
import dev.herald.event.control.IntakeSwitch;
import dev.herald.event.control.IntakeWorker;
import dev.herald.event.control.KafkaRecords;
import dev.herald.platform.control.Batches;
import dev.herald.platform.control.ConsumerLoop;
import dev.herald.platform.control.ConsumerSpec;
import dev.herald.platform.control.ConsumerState;
import dev.herald.platform.control.KafkaConsumers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Takes CloudEvents from {@code herald.events} and hands each batch to the intake worker, as one transaction;
 * offsets are committed after it committed. Holds its partitions paused while an admin paused intake.
 */
@ApplicationScoped
public class EventsConsumer {
    public static final String CHECK = "kafka-consumer-intake";

    @Inject
    KafkaConsumers consumers;

    @Inject
    IntakeWorker intake;

    @Inject
    IntakeSwitch intakeSwitch;

    @Inject
    IntakeMeter meter;

    @Inject
    MetricRegistry registry;

    @Inject
    @ConfigProperty(name = "herald.topic.events", defaultValue = "herald.events")
    String topic;

    @Inject
    @ConfigProperty(name = "herald.kafka.group-id", defaultValue = "herald-intake")
    String group;

    @Inject
    @ConfigProperty(name = "herald.intake.batch-size", defaultValue = "500")
    int batchSize;

    private ConsumerLoop<String> loop;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // one transaction per batch: what has arrived when the consumer gets to it, up to batchSize from a backlog
        Batches batches = new Batches(batchSize, Math.max(1, batchSize / 4), Duration.ofMillis(5));
        loop = consumers.start(new ConsumerSpec<>(
                "intake",
                CHECK,
                topic,
                group,
                new StringDeserializer(),
                ConsumerSpec.Commit.AFTER_EACH_BATCH,
                batches,
                Map.of(
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(batches.perPoll()),
                        // the broker answers a fetch as soon as one record is there: a quiet moment's event waits
                        // for nothing, and under load the records that arrived meanwhile make the batch
                        ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1"),
                new ConsumerSpec.Lag(Metadata.builder()
                        .withName("herald.intake.lag")
                        .withDescription("Records of herald.events this instance's intake consumer is behind")
                        .build()),
                intakeSwitch::holding,
                this::handle));
        registry.gauge(
                Metadata.builder()
                        .withName("herald.intake.paused")
                        .withDescription("1 while this instance's intake consumer holds its partitions paused")
                        .build(),
                loop.state(),
                state -> state.isPaused() ? 1 : 0);
    }

    private void handle(List<ConsumerRecord<String, String>> records) throws InterruptedException {
        long started = System.nanoTime();
        intake.handle(records.stream().map(KafkaRecords::incoming).toList());
        meter.batch(records.size(), Duration.ofNanos(System.nanoTime() - started));
    }

    /** This instance's intake consumer: its lag, records, and whether it holds its partitions paused. */
    public ConsumerState state() {
        return loop.state();
    }

    /**
     * Completes once this instance's consumer follows the switch (it does between two batches), with whether it did
     * within {@code wait}.
     */
    public CompletionStage<Boolean> follows(boolean paused, Duration wait) {
        return loop.state().follows(paused, wait);
    }
}
