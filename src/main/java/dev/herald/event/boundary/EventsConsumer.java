package dev.herald.event.boundary;

import dev.herald.event.control.IntakeMeter;
import dev.herald.event.control.IntakeSwitch;
import dev.herald.event.control.IntakeWorker;
import dev.herald.event.control.KafkaRecords;
import dev.herald.platform.control.Batches;
import dev.herald.platform.control.ConsumerLoop;
import dev.herald.platform.control.ConsumerState;
import dev.herald.platform.control.KafkaSettings;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Takes CloudEvents from {@code herald.events} with Herald's own Kafka consumer (on a Jakarta Concurrency thread)
 * and hands each polled batch to the intake worker; offsets are committed after the batch's transaction committed.
 * Readiness is DOWN, with the reason, while the consumer is not consuming or has lag and makes no progress.
 */
@ApplicationScoped
public class EventsConsumer {
    @Inject
    KafkaSettings kafka;

    @Inject
    IntakeWorker intake;

    @Inject
    IntakeSwitch intakeSwitch;

    @Inject
    IntakeMeter meter;

    @Inject
    MetricRegistry registry;

    @Inject
    Clock clock;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "herald.topic.events", defaultValue = "herald.events")
    String topic;

    @Inject
    @ConfigProperty(name = "herald.kafka.group-id", defaultValue = "herald-intake")
    String group;

    @Inject
    @ConfigProperty(name = "herald.instance.id")
    String instance;

    @Inject
    @ConfigProperty(name = "herald.intake.batch-size", defaultValue = "500")
    int batchSize;

    @Inject
    @ConfigProperty(name = "herald.kafka.stall-seconds", defaultValue = "60")
    long stallSeconds;

    private ConsumerLoop<String> loop;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // batches of up to batchSize records gathered from a few polls within 5 ms, as one transaction each
        Batches batches = new Batches(batchSize, Math.max(1, batchSize / 4), Duration.ofMillis(5));
        Map<String, String> settings = Map.of(
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(batches.perPoll()),
                // fewer, fuller fetches: the broker answers once 64 KiB are ready or after 10 ms
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "65536",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        loop = new ConsumerLoop<>(
                "intake",
                topic,
                () -> kafka.consumer(group, instance, settings, new StringDeserializer()),
                this::handle,
                true,
                batches,
                clock,
                Duration.ofSeconds(stallSeconds));
        loop.holdWhile(intakeSwitch::holding);
        registry.gauge(
                Metadata.builder()
                        .withName("herald.intake.lag")
                        .withDescription("Records of herald.events this instance's intake consumer is behind")
                        .build(),
                loop.state(),
                ConsumerState::lag);
        loop.start(threads);
    }

    /** This instance's intake consumer: its lag, records, and whether it holds its partitions paused. */
    public ConsumerState state() {
        return loop.state();
    }

    /**
     * Waits until this instance's consumer follows the switch (it does between two batches), at most {@code wait};
     * answers whether it does.
     */
    public boolean follows(boolean paused, Duration wait) throws InterruptedException {
        long until = System.nanoTime() + wait.toNanos();
        while (loop.state().isPaused() != paused) {
            if (System.nanoTime() > until) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private void handle(List<ConsumerRecord<String, String>> records) throws InterruptedException {
        long started = System.nanoTime();
        intake.handle(records.stream().map(KafkaRecords::incoming).toList());
        meter.batch(records.size(), Duration.ofNanos(System.nanoTime() - started));
    }

    @PreDestroy
    void stop() {
        if (loop != null) {
            loop.stop();
        }
    }

    /** This consumer's readiness now (served by {@link EventsHealth}). */
    public HealthCheckResponse readiness() {
        return loop == null ? HealthCheckResponse.down("kafka-consumer-intake") : loop.readiness();
    }

    /**
     * This consumer's liveness now (served by {@link EventsHealth}): down only when the consumer thread has ended;
     * everything else it recovers from by itself.
     */
    public HealthCheckResponse liveness() {
        return loop == null ? HealthCheckResponse.up("kafka-consumer-intake") : loop.liveness();
    }
}
