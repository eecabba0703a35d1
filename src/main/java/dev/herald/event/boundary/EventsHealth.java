package dev.herald.event.boundary;

import dev.herald.event.control.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The intake consumer's readiness (DOWN with the reason while it is not consuming or stalls) and liveness (DOWN only when its thread has ended). Apart from the consumer, so a server that resolves health checks early (Payara's
 * health extension does, at application initialization) gets only a proxy of it, not a consumer built before its
 * resources can be injected.
 */
@ApplicationScoped
public class EventsHealth {
    @Inject
    EventsConsumer consumer;

    @Inject
    EventPublisher publisher;

    @Produces
    @Readiness
    HealthCheck readiness() {
        return () -> consumer.readiness();
    }

    @Produces
    @Readiness
    HealthCheck publishing() {
        return () -> publisher.readiness();
    }

    @Produces
    @Liveness
    HealthCheck liveness() {
        return () -> consumer.liveness();
    }
}
