package dev.herald.channel.boundary;

import dev.herald.channel.control.DeliveryWorker;
import dev.herald.channel.control.OutboxRelay;
import dev.herald.channel.control.Providers;
import dev.herald.platform.control.Batches;
import dev.herald.platform.control.ConsumerLoop;
import dev.herald.platform.control.ConsumerState;
import dev.herald.platform.control.KafkaSettings;
import dev.herald.preference.entity.Channel;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The channel workers: for each channel with a configured provider, a consumer of {@code herald.channel.<channel>} in
 * the group {@code herald-channel-<channel>}, shared by every instance. A polled batch is sent user by user in
 * parallel (one user's deliveries in order) and committed once every delivery's outcome is recorded.
 */
@ApplicationScoped
public class ChannelConsumers {
    @Inject
    MetricRegistry registry;

    @Inject
    KafkaSettings kafka;

    @Inject
    Providers providers;

    @Inject
    DeliveryWorker worker;

    @Inject
    OutboxRelay relay;

    @Inject
    Clock clock;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "herald.topic.channel-prefix", defaultValue = "herald.channel.")
    String prefix;

    @Inject
    @ConfigProperty(name = "herald.instance.id")
    String instance;

    @Inject
    @ConfigProperty(name = "herald.channel.batch-size", defaultValue = "64")
    int batchSize;

    @Inject
    @ConfigProperty(name = "herald.kafka.stall-seconds", defaultValue = "60")
    long stallSeconds;

    private final Map<Channel, ConsumerLoop<String>> loops = new EnumMap<>(Channel.class);

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        for (Channel channel : Channel.values()) {
            if (channel != Channel.IN_APP && providers.enabled(channel)) {
                Batches batches = new Batches(batchSize, batchSize, Duration.ofMillis(5));
                Map<String, String> settings = Map.of(
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        String.valueOf(batchSize));
                ConsumerLoop<String> loop = new ConsumerLoop<>(
                        "channel-" + channel.wire(),
                        prefix + channel.wire(),
                        () -> kafka.consumer(
                                "herald-channel-" + channel.wire(), instance, settings, new StringDeserializer()),
                        this::handle,
                        true,
                        batches,
                        clock,
                        Duration.ofSeconds(stallSeconds));
                registry.gauge(
                        "herald.channel.lag", loop.state(), ConsumerState::lag, new Tag("channel", channel.wire()));
                loop.start(threads);
                loops.put(channel, loop);
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

    @PreDestroy
    void stop() {
        loops.values().forEach(ConsumerLoop::stop);
    }

    /** This consumer's readiness now (served by {@link ChannelHealth}). */
    public HealthCheckResponse readiness() {
        String problem = relay.problem();
        if (problem != null) {
            return HealthCheckResponse.named("channel-relay")
                    .down()
                    .withData("reason", problem)
                    .build();
        }
        for (ConsumerLoop<String> loop : loops.values()) {
            HealthCheckResponse response = loop.readiness();
            if (response.getStatus() == HealthCheckResponse.Status.DOWN) {
                return response;
            }
        }
        return HealthCheckResponse.named("channel-workers")
                .up()
                .withData(
                        "channels",
                        String.join(
                                ",", loops.keySet().stream().map(Channel::wire).toList()))
                .build();
    }
}
