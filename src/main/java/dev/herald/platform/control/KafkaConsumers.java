package dev.herald.platform.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The one place Kafka consumers are built: runs each declared {@link ConsumerSpec} as a {@link ConsumerLoop} on a
 * container thread, publishes its lag, stops them all at shutdown, and answers each health check over the consumers
 * declared under it.
 */
@ApplicationScoped
public class KafkaConsumers {
    @Inject
    KafkaSettings kafka;

    @Inject
    MetricRegistry registry;

    @Inject
    Clock clock;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "herald.instance.id")
    String instance;

    @Inject
    @ConfigProperty(name = "herald.kafka.stall-seconds", defaultValue = "60")
    long stallSeconds;

    private final Map<String, List<ConsumerLoop<?>>> byCheck = new ConcurrentHashMap<>();
    private boolean stopped;

    /** Starts the consumer a spec declares; answers its loop (for its state). */
    public <V> ConsumerLoop<V> start(ConsumerSpec<V> spec) {
        ConsumerLoop<V> loop = new ConsumerLoop<>(
                spec.name(),
                spec.topic(),
                () -> kafka.consumer(spec.group(), instance, spec.overrides(), spec.values()),
                spec.handler(),
                spec.commit() == ConsumerSpec.Commit.AFTER_EACH_BATCH,
                spec.batches(),
                clock,
                Duration.ofSeconds(stallSeconds));
        loop.holdWhile(spec.hold());
        if (spec.lag() != null) {
            registry.gauge(
                    spec.lag().metadata(),
                    loop.state(),
                    ConsumerState::lag,
                    spec.lag().tags());
        }
        loop.start(threads);
        byCheck.computeIfAbsent(spec.check(), c -> new CopyOnWriteArrayList<>()).add(loop);
        return loop;
    }

    /**
     * Readiness of the consumers under {@code check}: DOWN before any started, else the first one that is DOWN, with
     * its reason; a lone consumer answers with its own data, several with one UP under the check's name.
     */
    public HealthCheckResponse readiness(String check) {
        List<ConsumerLoop<?>> loops = byCheck.getOrDefault(check, List.of());
        if (loops.isEmpty()) {
            return HealthCheckResponse.named(check)
                    .down()
                    .withData("error", "not started yet")
                    .build();
        }
        HealthCheckResponse first = null;
        for (ConsumerLoop<?> loop : loops) {
            HealthCheckResponse response = loop.readiness();
            if (response.getStatus() == HealthCheckResponse.Status.DOWN) {
                return response;
            }
            first = first == null ? response : first;
        }
        return loops.size() == 1 ? first : HealthCheckResponse.up(check);
    }

    /**
     * Liveness of the consumers under {@code check}: DOWN only when a consumer's thread has ended (each recovers from
     * everything else by itself); UP before any started.
     */
    public HealthCheckResponse liveness(String check) {
        for (ConsumerLoop<?> loop : byCheck.getOrDefault(check, List.of())) {
            if (!loop.alive()) {
                return loop.liveness();
            }
        }
        return HealthCheckResponse.up(check);
    }

    /**
     * Stops every consumer as the application begins to stop, before any bean is destroyed, so no batch is handed to
     * a handler whose beans are gone; it stops them once.
     */
    void beforeStop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        stop();
    }

    @PreDestroy
    synchronized void stop() {
        if (!stopped) {
            stopped = true;
            byCheck.values().forEach(loops -> loops.forEach(ConsumerLoop::stop));
        }
    }
}
