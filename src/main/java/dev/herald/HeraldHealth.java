package dev.herald;

import dev.herald.channel.boundary.ChannelConsumers;
import dev.herald.event.boundary.EventsConsumer;
import dev.herald.event.control.EventPublisher;
import dev.herald.live.boundary.DeliveriesConsumer;
import dev.herald.live.control.DeliveryPublisher;
import dev.herald.live.control.SessionRegistry;
import dev.herald.platform.control.KafkaConsumers;
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

    @Produces
    @Readiness
    HealthCheck intakeReady() {
        return () -> consumers.readiness(EventsConsumer.CHECK);
    }

    @Produces
    @Liveness
    HealthCheck intakeAlive() {
        return () -> consumers.liveness(EventsConsumer.CHECK);
    }

    @Produces
    @Readiness
    HealthCheck liveReady() {
        return () -> live.readiness();
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
        return () -> channels.readiness();
    }

    @Produces
    @Liveness
    HealthCheck channelsAlive() {
        return () -> consumers.liveness(ChannelConsumers.CHECK);
    }

    @Produces
    @Readiness
    HealthCheck eventsPublishing() {
        return () -> events.readiness();
    }

    @Produces
    @Readiness
    HealthCheck framesPublishing() {
        return () -> frames.readiness();
    }
}
