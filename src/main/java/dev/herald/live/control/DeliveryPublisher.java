package dev.herald.live.control;

import dev.herald.inbox.entity.InboxChanges;
import dev.herald.live.entity.UserFrames;
import dev.herald.platform.control.HealingProducer;
import dev.herald.platform.control.KafkaSettings;
import dev.herald.platform.control.LogLimiter;
import dev.herald.platform.control.RootCause;
import dev.herald.preference.entity.PreferencesChanged;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Push after commit: the changes of each committed transaction, written as frames here, go at once to this instance's
 * own sessions of their users (the fast path: no Kafka hop between a commit and the sockets it concerns here), and to
 * {@code herald.deliveries} as one record (or a few, if large), which every other Herald instance reads with its own
 * consumer group; the instance holding a user's sockets sends that user's frames. Records are keyed by this instance,
 * so its transactions arrive in commit order, and so this instance's live consumer knows to skip them: a frame is
 * sent once, by one path. A change whose transaction rolled back is never observed here.
 */
@ApplicationScoped
public class DeliveryPublisher {
    private static final Logger LOG = Logger.getLogger(DeliveryPublisher.class.getName());
    /** Well under the producer's and broker's 1 MiB default record limit. */
    static final int MAX_RECORD_BYTES = 512 * 1024;

    @Inject
    KafkaSettings settings;

    @Inject
    @ConfigProperty(name = "herald.topic.deliveries", defaultValue = "herald.deliveries")
    String topic;

    @Inject
    @ConfigProperty(name = "herald.instance.id")
    String instanceId;

    @Inject
    Clock clock;

    @Inject
    SessionRegistry sessions;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    private HealingProducer<byte[]> producer;
    private LogLimiter failures;

    @PostConstruct
    void open() {
        failures = new LogLimiter(LOG, Duration.ofMinutes(1), clock);
        producer = new HealingProducer<>("the live path's publisher", topic, this::newProducer, scheduler, clock);
    }

    private Producer<String, byte[]> newProducer() {
        return settings.producer(
                "herald-deliveries",
                Map.of(
                        ProducerConfig.ACKS_CONFIG, "1",
                        // no waiting for company: records sent while one is in flight are batched anyway
                        ProducerConfig.LINGER_MS_CONFIG, "0",
                        ProducerConfig.BATCH_SIZE_CONFIG, "262144",
                        ProducerConfig.MAX_BLOCK_MS_CONFIG, "2000"),
                new ByteArraySerializer());
    }

    @PreDestroy
    void close() {
        producer.close();
    }

    /** Readiness: DOWN while live deliveries cannot be published. */
    public HealthCheckResponse readiness() {
        return producer.readiness("kafka-publisher-live");
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) InboxChanges changes) {
        publish(changes.changes().stream()
                .map(change -> new UserFrames(change.user(), Frames.of(change)))
                .toList());
    }

    void onPreferencesChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) PreferencesChanged changed) {
        publish(List.of(new UserFrames(changed.user(), List.of(Frames.preferences(changed.preferences())))));
    }

    /** Whether a record of herald.deliveries with this key came from the instance {@code instanceId} (see above). */
    public static boolean publishedBy(String instanceId, String key) {
        return instanceId.equals(key);
    }

    private void publish(List<UserFrames> frames) {
        sessions.deliver(frames);
        DeliveryCodec.encode(frames, MAX_RECORD_BYTES).forEach(record -> send(instanceId, record));
    }

    /** Publishes this instance's liveness probe; it reads it back like any delivery. */
    void probe() {
        send("probe-" + instanceId, DeliveryCodec.probe(instanceId));
    }

    /**
     * Sends a record to the deliveries topic. A lost one is healed by the client's resume and the seq check, and on
     * this instance at once: its sessions look for what they never got (the notifications are committed already).
     */
    private void send(String key, byte[] record) {
        try {
            producer.send(new ProducerRecord<>(topic, key, record), (metadata, failure) -> {
                if (failure != null) {
                    lost(failure);
                }
            });
        } catch (RuntimeException e) {
            lost(e);
        }
    }

    private void lost(Throwable failure) {
        failures.log(Level.WARNING, "A live delivery was not published: " + RootCause.message(failure));
        sessions.catchUpAll();
    }
}
