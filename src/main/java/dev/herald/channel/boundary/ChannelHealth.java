package dev.herald.channel.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

/**
 * The channel workers' readiness: the outbox relay publishing and each channel's consumer. Apart from the consumer, so a server that resolves health checks early (Payara's
 * health extension does, at application initialization) gets only a proxy of it, not a consumer built before its
 * resources can be injected.
 */
@ApplicationScoped
public class ChannelHealth {
    @Inject
    ChannelConsumers consumer;

    @Produces
    @Readiness
    HealthCheck readiness() {
        return () -> consumer.readiness();
    }
}
