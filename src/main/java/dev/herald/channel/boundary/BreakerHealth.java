package dev.herald.channel.boundary;

import dev.herald.channel.control.DeliveryWorker;
import dev.herald.channel.control.Providers;
import dev.herald.preference.entity.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness shows each channel provider's circuit breaker on this instance, without ever being DOWN: a provider that
 * fails is a reason to look (its deliveries wait and are retried), not to take the instance out of service.
 */
@Readiness
@ApplicationScoped
public class BreakerHealth implements HealthCheck {
    @Inject
    DeliveryWorker worker;

    @Inject
    Providers providers;

    @Inject
    Clock clock;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("channel-breakers").up();
        for (Channel channel : Channel.values()) {
            if (channel != Channel.IN_APP) {
                response.withData(channel.wire(), providers.enabled(channel) ? "enabled" : "not configured");
            }
        }
        // the count only: this answer is public; which provider (a host, a webhook endpoint) is in the admin flow
        Map<String, Instant> open = worker.openBreakers();
        Instant now = clock.instant();
        response.withData(
                "openBreakers", open.values().stream().filter(now::isBefore).count());
        response.withData(
                "halfOpenBreakers",
                open.values().stream().filter(until -> !now.isBefore(until)).count());
        return response.build();
    }
}
