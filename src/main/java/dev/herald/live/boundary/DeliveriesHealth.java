package dev.herald.live.boundary;

import dev.herald.live.control.DeliveryPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The live consumer's readiness (in its group and reading this instance's own probe back) and liveness. Apart from the consumer, so a server that resolves health checks early (Payara's
 * health extension does, at application initialization) gets only a proxy of it, not a consumer built before its
 * resources can be injected.
 */
@ApplicationScoped
public class DeliveriesHealth {
    @Inject
    DeliveriesConsumer consumer;

    @Inject
    DeliveryPublisher publisher;

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
