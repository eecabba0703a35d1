package dev.herald.live.boundary;

import dev.herald.live.control.DeliveryCodec;
import dev.herald.live.control.LiveProbe;
import dev.herald.live.control.SessionRegistry;
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
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Reads {@code herald.deliveries} in this instance's own consumer group, from the end and without committing (a live
 * frame is not durable state, the inbox is), and hands the changes to the local sessions of their users. Ready when
 * the consumer is in its group and this instance reads its own probe back.
 */
@ApplicationScoped
public class DeliveriesConsumer {
    private static final Logger LOG = Logger.getLogger(DeliveriesConsumer.class.getName());

    @Inject
    KafkaSettings kafka;

    @Inject
    SessionRegistry sessions;

    @Inject
    LiveProbe probe;

    @Inject
    Clock clock;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "herald.topic.deliveries", defaultValue = "herald.deliveries")
    String topic;

    @Inject
    @ConfigProperty(name = "herald.instance.id")
    String instance;

    @Inject
    @ConfigProperty(name = "herald.kafka.stall-seconds", defaultValue = "60")
    long stallSeconds;

    private ConsumerLoop<byte[]> loop;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        Map<String, String> settings = Map.of(
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "65536",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        loop = new ConsumerLoop<>(
                "live",
                topic,
                () -> kafka.consumer("herald-live-" + instance, instance, settings, new ByteArrayDeserializer()),
                this::deliver,
                false,
                new Batches(500, 500, Duration.ZERO),
                clock,
                Duration.ofSeconds(stallSeconds));
        loop.start(threads);
    }

    private void deliver(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                DeliveryCodec.Delivery delivery = DeliveryCodec.decode(record.value());
                if (delivery.probe() != null) {
                    probe.echoed(delivery.probe(), loop.state().joins());
                } else {
                    sessions.deliver(delivery.changes());
                }
            } catch (RuntimeException e) {
                LOG.warning(() -> "Skipping an unreadable live delivery at " + record.topic() + "/" + record.partition()
                        + "@" + record.offset() + ": " + e);
            }
        }
    }

    /** This instance's live consumer: its lag behind the end of herald.deliveries. */
    public ConsumerState state() {
        return loop.state();
    }

    @PreDestroy
    void stop() {
        if (loop != null) {
            loop.stop();
        }
    }

    /** This consumer's readiness now (served by {@link DeliveriesHealth}). */
    public HealthCheckResponse readiness() {
        if (loop == null) {
            return HealthCheckResponse.down("kafka-consumer-live");
        }
        HealthCheckResponse consumer = loop.readiness();
        if (consumer.getStatus() == HealthCheckResponse.Status.UP && !probe.connected()) {
            return HealthCheckResponse.named("kafka-consumer-live")
                    .down()
                    .withData("error", "this instance has not read its own live probe back recently")
                    .build();
        }
        return consumer;
    }

    /** This consumer's liveness now (served by {@link DeliveriesHealth}). */
    public HealthCheckResponse liveness() {
        return loop == null ? HealthCheckResponse.up("kafka-consumer-live") : loop.liveness();
    }
}
