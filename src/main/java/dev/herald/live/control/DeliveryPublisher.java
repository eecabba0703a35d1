package dev.herald.live.control;

import dev.herald.event.control.KafkaSettings;
import dev.herald.inbox.entity.InboxChanged;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Push after commit: each committed inbox change goes to {@code herald.deliveries}, keyed by user, which every Herald
 * instance reads with its own consumer group; the instance holding the user's sockets sends the frames. A change whose
 * transaction rolled back is never observed here.
 */
@ApplicationScoped
public class DeliveryPublisher {
    private static final Logger LOG = Logger.getLogger(DeliveryPublisher.class.getName());

    @Inject
    KafkaSettings settings;

    @Inject
    @ConfigProperty(name = "herald.topic.deliveries", defaultValue = "herald.deliveries")
    String topic;

    private Producer<String, String> producer;

    @PostConstruct
    void open() {
        producer = settings.producer(
                "herald-deliveries",
                Map.of(
                        ProducerConfig.ACKS_CONFIG, "1",
                        ProducerConfig.LINGER_MS_CONFIG, "2",
                        ProducerConfig.BATCH_SIZE_CONFIG, "262144",
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000"));
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) InboxChanged change) {
        send(change.user(), change.toJson().toString());
    }

    /** Sends a record to the deliveries topic; a lost one is healed by the client's resume and the seq check. */
    void send(String key, String json) {
        try {
            producer.send(new ProducerRecord<>(topic, key, json), (metadata, failure) -> {
                if (failure != null) {
                    LOG.warning(() -> "A live delivery for " + key + " was not published: " + failure);
                }
            });
        } catch (RuntimeException e) {
            LOG.warning(() -> "A live delivery for " + key + " was not published: " + e);
        }
    }
}
