package dev.herald;

import dev.herald.channel.boundary.ChannelConsumers;
import dev.herald.event.boundary.EventsConsumer;
import dev.herald.event.control.EventPublisher;
import dev.herald.live.boundary.DeliveriesConsumer;
import dev.herald.live.control.DeliveryPublisher;
import dev.herald.live.control.SessionRegistry;
import dev.herald.platform.control.KafkaConsumers;
import dev.herald.platform.control.KafkaReadiness;
import dev.herald.platform.control.KafkaTopics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Every Kafka client's health check, in one place: each consumer's readiness (in its group, lag, progress, the error
 * in words) and liveness (its thread runs), and each producer's readiness. Apart from the consumers, so a server that
 * resolves health checks early (Payara's health extension does, at application initialization) gets only proxies,
 * not consumers built before their resources can be injected. The database's check is {@code ReadinessCheck}, the
 * channels' breakers {@code BreakerHealth}.
 */
@ApplicationScoped
public class HeraldHealth {
    @Inject
    KafkaConsumers consumers;

    @Inject
    DeliveriesConsumer live;

    @Inject
    ChannelConsumers channels;

    @Inject
    EventPublisher events;

    @Inject
    DeliveryPublisher frames;

    @Inject
    SessionRegistry sessions;

    @Inject
    KafkaTopics topics;

    @Inject
    KafkaReadiness kafka;

    @Produces
    @Readiness
    HealthCheck intakeReady() {
        return () -> kafka.apply(consumers.readiness(EventsConsumer.CHECK));
    }

    @Produces
    @Liveness
    HealthCheck intakeAlive() {
        return () -> consumers.liveness(EventsConsumer.CHECK);
    }

    @Produces
    @Readiness
    HealthCheck liveReady() {
        return () -> kafka.apply(live.readiness());
    }

    @Produces
    @Readiness
    HealthCheck liveAccepting() {
        return () -> sessions.draining()
                ? HealthCheckResponse.named("live-sockets")
                        .down()
                        .withData("error", "drained before a restart: this instance takes no new live sockets")
                        .build()
                : HealthCheckResponse.up("live-sockets");
    }

    @Produces
    @Liveness
    HealthCheck liveAlive() {
        return () -> consumers.liveness(DeliveriesConsumer.CHECK);
    }

    @Produces
    @Readiness
    HealthCheck channelsReady() {
        return () -> kafka.apply(channels.readiness());
    }

    @Produces
    @Liveness
    HealthCheck channelsAlive() {
        return () -> consumers.liveness(ChannelConsumers.CHECK);
    }

    @Produces
    @Readiness
    HealthCheck eventsPublishing() {
        return () -> kafka.apply(events.readiness());
    }

    @Produces
    @Readiness
    HealthCheck framesPublishing() {
        return () -> kafka.apply(frames.readiness());
    }

    @Produces
    @Readiness
    HealthCheck topicsPresent() {
        return () -> kafka.apply(topicsCheck(topics.status()));
    }

    /** Every topic with its partitions and replicas; the missing ones by name, and why a look or a creation failed. */
    static HealthCheckResponse topicsCheck(KafkaTopics.Status status) {
        var response = HealthCheckResponse.named("kafka-topics").status(status.complete());
        for (KafkaTopics.Found found : status.present()) {
            response.withData(found.name(), found.partitions() + " partitions, " + found.replication() + " replicas");
        }
        if (!status.missing().isEmpty()) {
            response.withData("missing", String.join(", ", status.missing()));
        }
        if (status.error() != null) {
            response.withData("error", status.error());
        } else if (!status.missing().isEmpty()) {
            response.withData(
                    "error",
                    "topics missing: create them (docs/operations.md, Topics) or let Herald (HERALD_TOPICS_CREATE=true)");
        }
        return response.build();
    }
}
