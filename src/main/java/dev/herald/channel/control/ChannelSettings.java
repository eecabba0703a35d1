package dev.herald.channel.control;

import dev.herald.preference.entity.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The channel machinery's settings: the retry policy (per channel: {@code herald.channel.<channel>.max-attempts},
 * {@code .retry-base-seconds}, {@code .retry-cap-seconds}, each defaulting to the {@code herald.channel.*} value), the
 * circuit breakers, the lease after which a delivery that was published or taken but never finished is published
 * again, and how often the relay looks for due rows.
 */
@ApplicationScoped
public class ChannelSettings {
    @Inject
    Config config;

    @Inject
    @ConfigProperty(name = "herald.channel.breaker-failures", defaultValue = "5")
    int breakerFailures;

    @Inject
    @ConfigProperty(name = "herald.channel.breaker-open-seconds", defaultValue = "60")
    long breakerOpenSeconds;

    @Inject
    @ConfigProperty(name = "herald.channel.lease-seconds", defaultValue = "120")
    long leaseSeconds;

    @Inject
    @ConfigProperty(name = "herald.channel.relay-poll-ms", defaultValue = "200")
    long relayPollMillis;

    private final Map<Channel, RetryPolicy> policies = new EnumMap<>(Channel.class);

    public synchronized RetryPolicy retryPolicy(Channel channel) {
        return policies.computeIfAbsent(
                channel,
                c -> new RetryPolicy(
                        value(c, "max-attempts", 8),
                        Duration.ofSeconds(value(c, "retry-base-seconds", 30)),
                        Duration.ofSeconds(value(c, "retry-cap-seconds", 600))));
    }

    private int value(Channel channel, String name, int fallback) {
        int general =
                config.getOptionalValue("herald.channel." + name, Integer.class).orElse(fallback);
        return config.getOptionalValue("herald.channel." + channel.wire() + "." + name, Integer.class)
                .orElse(general);
    }

    public CircuitBreakers newBreakers() {
        return new CircuitBreakers(breakerFailures, Duration.ofSeconds(breakerOpenSeconds));
    }

    public Duration lease() {
        return Duration.ofSeconds(leaseSeconds);
    }

    public long relayPollMillis() {
        return relayPollMillis;
    }
}
