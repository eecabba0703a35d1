package dev.herald.event.boundary;

import dev.herald.event.control.IntakeWorker;
import dev.herald.event.entity.IncomingRecord;
import dev.herald.platform.control.Batches;
import dev.herald.platform.control.ConsumerLoop;
import dev.herald.platform.control.KafkaSettings;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

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
        loop.start(threads);
    }

    /** The record's headers as text (CloudEvents binary mode puts the envelope there); none for most records. */
    private static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Header[] all = record.headers().toArray();
        if (all.length == 0) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : all) {
            if (header.value() != null) {
                headers.putIfAbsent(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }

    private void handle(List<ConsumerRecord<String, String>> records) throws InterruptedException {
        intake.handle(records.stream()
                .map(r -> new IncomingRecord(r.value(), r.topic(), r.partition(), r.offset(), r.key(), headers(r)))
                .toList());
    }

    @PreDestroy
    void stop() {
        if (loop != null) {
            loop.stop();
        }
    }

    @Produces
    @Readiness
    HealthCheck readiness() {
        return () -> loop == null ? HealthCheckResponse.down("kafka-consumer-intake") : loop.readiness();
    }

    /** Down only when the consumer thread has ended: everything else it recovers from by itself. */
    @Produces
    @Liveness
    HealthCheck liveness() {
        return () -> loop == null ? HealthCheckResponse.up("kafka-consumer-intake") : loop.liveness();
    }
}
