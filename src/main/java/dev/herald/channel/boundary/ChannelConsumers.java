package dev.herald.channel.boundary;

import dev.herald.channel.control.DeliveryWorker;
import dev.herald.channel.control.OutboxRelay;
import dev.herald.channel.control.Providers;
import dev.herald.platform.control.Batches;
import dev.herald.platform.control.ConsumerSpec;
import dev.herald.platform.control.KafkaConsumers;
import dev.herald.preference.entity.Channel;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The channel workers: for each channel with a configured provider, a consumer of {@code herald.channel.<channel>} in
 * the group {@code herald-channel-<channel>}, shared by every instance. A polled batch is sent user by user in
 * parallel (one user's deliveries in order) and committed once every delivery's outcome is recorded.
 */
@ApplicationScoped
public class ChannelConsumers {
    public static final String CHECK = "channel-workers";

    @Inject
    KafkaConsumers consumers;

    @Inject
    Providers providers;

    @Inject
    DeliveryWorker worker;

    @Inject
    OutboxRelay relay;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "herald.topic.channel-prefix", defaultValue = "herald.channel.")
    String prefix;

    @Inject
    @ConfigProperty(name = "herald.channel.batch-size", defaultValue = "64")
    int batchSize;

    private final List<Channel> started = new CopyOnWriteArrayList<>();

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        for (Channel channel : Channel.values()) {
            if (channel != Channel.IN_APP && providers.enabled(channel)) {
                consumers.start(new ConsumerSpec<>(
                        "channel-" + channel.wire(),
                        CHECK,
                        prefix + channel.wire(),
                        "herald-channel-" + channel.wire(),
                        new StringDeserializer(),
                        ConsumerSpec.Commit.AFTER_EACH_BATCH,
                        new Batches(batchSize, batchSize, Duration.ofMillis(5)),
                        Map.of(
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "earliest",
                                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                                String.valueOf(batchSize)),
                        new ConsumerSpec.Lag(
                                Metadata.builder()
                                        .withName("herald.channel.lag")
                                        .build(),
                                new Tag("channel", channel.wire())),
                        null,
                        this::handle));
                started.add(channel);
            }
        }
    }

    private void handle(List<ConsumerRecord<String, String>> records) throws InterruptedException {
        Map<String, List<String>> byUser = new LinkedHashMap<>();
        records.forEach(
                r -> byUser.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value()));
        List<Future<?>> running = new ArrayList<>(byUser.size());
        byUser.values().forEach(ids -> running.add(executor.submit(() -> ids.forEach(worker::deliver))));
        for (Future<?> each : running) {
            try {
                each.get();
            } catch (ExecutionException e) {
                // the delivery stays queued and the relay publishes it again after the lease
                throw new IllegalStateException("a delivery could not be recorded", e.getCause());
            }
        }
    }

    /**
     * The outbox relay publishing (DOWN as {@code channel-relay} when it cannot) and each channel's consumer (DOWN as
     * {@code kafka-consumer-channel-<channel>}); UP as {@code channel-workers} with the channels it serves.
     */
    public HealthCheckResponse readiness() {
        String problem = relay.problem();
        if (problem != null) {
            return HealthCheckResponse.named("channel-relay")
                    .down()
                    .withData("reason", problem)
                    .build();
        }
        HealthCheckResponse consumer = consumers.readiness(CHECK);
        if (!started.isEmpty() && consumer.getStatus() == HealthCheckResponse.Status.DOWN) {
            return consumer;
        }
        return HealthCheckResponse.named(CHECK)
                .up()
                .withData(
                        "channels",
                        String.join(",", started.stream().map(Channel::wire).toList()))
                .build();
    }
}
