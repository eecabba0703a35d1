package dev.herald.live.boundary;

import dev.herald.live.control.DeliveryCodec;
import dev.herald.live.control.DeliveryPublisher;
import dev.herald.live.control.LiveProbe;
import dev.herald.live.control.SessionRegistry;
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
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.metrics.Metadata;

/**
 * Reads {@code herald.deliveries} in this instance's own consumer group, from the end and without committing (a live
 * frame is not durable state, the inbox is), and hands the changes to the local sessions of their users. Ready when
 * the consumer is in its group and this instance reads its own probe back. This instance's own records are skipped:
 * their frames went to the local sessions when the transaction committed (see {@link DeliveryPublisher}).
 */
@ApplicationScoped
public class DeliveriesConsumer {
    public static final String CHECK = "kafka-consumer-live";
    private static final Logger LOG = Logger.getLogger(DeliveriesConsumer.class.getName());

    @Inject
    KafkaConsumers consumers;

    @Inject
    SessionRegistry sessions;

    @Inject
    LiveProbe probe;

    @Inject
    @ConfigProperty(name = "herald.topic.deliveries", defaultValue = "herald.deliveries")
    String topic;

    @Inject
    @ConfigProperty(name = "herald.instance.id")
    String instance;

    private ConsumerLoop<byte[]> loop;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        loop = consumers.start(new ConsumerSpec<>(
                "live",
                CHECK,
                topic,
                "herald-live-" + instance,
                new ByteArrayDeserializer(),
                ConsumerSpec.Commit.NEVER,
                new Batches(500, 500, Duration.ZERO),
                Map.of(
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                        ConsumerConfig.FETCH_MIN_BYTES_CONFIG, "1"),
                new ConsumerSpec.Lag(Metadata.builder()
                        .withName("herald.live.lag")
                        .withDescription("Records of herald.deliveries this instance's live consumer is behind")
                        .build()),
                null,
                this::deliver));
    }

    private void deliver(List<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                if (DeliveryPublisher.publishedBy(instance, record.key())) {
                    continue; // sent to this instance's sessions when it committed
                }
                // every instance reads every record: only the changes of users with a socket here are decoded
                DeliveryCodec.Delivery delivery = DeliveryCodec.decode(record.value(), sessions::holds);
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

    /** The consumer's readiness, and DOWN while this instance does not read its own live probe back. */
    public HealthCheckResponse readiness() {
        HealthCheckResponse consumer = consumers.readiness(CHECK);
        if (consumer.getStatus() == HealthCheckResponse.Status.UP && !probe.connected()) {
            return HealthCheckResponse.named(CHECK)
                    .down()
                    .withData("error", "this instance has not read its own live probe back recently")
                    .build();
        }
        return consumer;
    }
}
