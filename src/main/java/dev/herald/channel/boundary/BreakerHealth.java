package dev.herald.channel.boundary;

import dev.herald.channel.control.DeliveryWorker;
import dev.herald.channel.control.Providers;
import dev.herald.preference.entity.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
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
        Instant now = clock.instant();
        for (Channel channel : Channel.values()) {
            if (channel != Channel.IN_APP) {
                response.withData(
                        channel.wire(),
                        describe(
                                providers.enabled(channel),
                                worker.openBreakers(channel).values(),
                                now));
            }
        }
        return response.build();
    }

    /**
     * One channel's circuit state in words: not configured; closed; open until a time; half open (one delivery
     * tries); or, for a channel with a breaker per endpoint or service, how many are open. Which provider key is open
     * is for admins (the flow's instance reports), not for this public answer.
     */
    static String describe(boolean enabled, Collection<Instant> open, Instant now) {
        if (!enabled) {
            return "not configured";
        }
        if (open.isEmpty()) {
            return "enabled, circuit closed";
        }
        if (open.size() == 1) {
            Instant until = open.iterator().next();
            return now.isBefore(until)
                    ? "enabled, circuit open until " + until
                    : "enabled, circuit half open: one delivery is trying";
        }
        long halfOpen = open.stream().filter(until -> !now.isBefore(until)).count();
        return "enabled, " + open.size() + " circuits open" + (halfOpen == 0 ? "" : " (" + halfOpen + " half open)");
    }
}
