package dev.herald.event.control;

import dev.herald.platform.control.HealingProducer;
import dev.herald.platform.control.KafkaSettings;
import dev.herald.platform.control.LogLimiter;
import dev.herald.platform.control.RootCause;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Publishes events to {@code herald.events} with an idempotent, {@code acks=all} producer, completing only when the
 * broker has acknowledged. It uses the Kafka client directly rather than an MP Reactive Messaging emitter because
 * Liberty's connector can neither set a record key (needed to keep one user's events in order) nor report a failed
 * send back to the sender.
 */
@ApplicationScoped
public class EventPublisher {
    @Inject
    KafkaSettings settings;

    @Inject
    @ConfigProperty(name = "herald.topic.events", defaultValue = "herald.events")
    String topic;

    @Inject
    @ConfigProperty(name = "herald.publisher.timeout-ms", defaultValue = "10000")
    int timeoutMs;

    @Inject
    Clock clock;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private HealingProducer<String> producer;
    private LogLimiter failures;

    @PostConstruct
    void open() {
        failures = new LogLimiter(Logger.getLogger(EventPublisher.class.getName()), Duration.ofMinutes(1), clock);
        producer = new HealingProducer<>("the REST publisher", topic, this::newProducer, scheduler, clock);
    }

    private Producer<String, String> newProducer() {
        return settings.producer(
                "herald-publisher",
                Map.of(
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        "true",
                        ProducerConfig.LINGER_MS_CONFIG,
                        "1",
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        String.valueOf(timeoutMs / 2),
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        String.valueOf(timeoutMs / 2),
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        String.valueOf(timeoutMs)));
    }

    @PreDestroy
    void close() {
        producer.close();
    }

    /** Readiness: DOWN while events posted over REST cannot be published. */
    public HealthCheckResponse readiness() {
        return producer.readiness("kafka-publisher-events");
    }

    /** One line a minute while Kafka does not acknowledge, however many clients retry meanwhile. */
    private void failed(Exception failure) {
        failures.log(
                Level.WARNING,
                "Kafka did not acknowledge a published event (the caller gets 503): " + RootCause.message(failure));
    }

    /** Sends one CloudEvents JSON document; the stage completes when the broker acknowledged it. */
    public CompletionStage<Void> publish(String key, String cloudEventJson) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(topic, key, cloudEventJson), (metadata, failure) -> {
                if (failure == null) {
                    acknowledged.complete(null);
                } else {
                    failed(failure);
                    acknowledged.completeExceptionally(failure);
                }
            });
        } catch (KafkaException e) {
            failed(e);
            acknowledged.completeExceptionally(e);
        }
        return acknowledged;
    }
}
