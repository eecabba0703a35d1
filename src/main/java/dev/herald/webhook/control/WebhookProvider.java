package dev.herald.webhook.control;

import dev.herald.channel.control.ChannelProvider;
import dev.herald.channel.control.Destinations;
import dev.herald.channel.entity.Outgoing;
import dev.herald.channel.entity.SendResult;
import dev.herald.preference.entity.Channel;
import dev.herald.webhook.entity.WebhookEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends a notification to a webhook endpoint: a JSON POST signed per Standard Webhooks ({@code webhook-id} is the
 * delivery id, so a receiver can drop a repeat; {@code webhook-timestamp}; {@code webhook-signature} with every valid
 * secret). The URL is checked again right before connecting (its host may resolve elsewhere now); redirects are not
 * followed; a 2xx answer is a confirmed delivery.
 */
@ApplicationScoped
public class WebhookProvider implements ChannelProvider {
    @Inject
    WebhookEndpoints endpoints;

    @Inject
    Destinations destinations;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "herald.webhook.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "herald.webhook.timeout-seconds", defaultValue = "10")
    long timeoutSeconds;

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public Map<String, List<String>> targets(Collection<String> users) {
        return endpoints.targets(users);
    }

    @Override
    public String breakerKey(Outgoing message) {
        // per endpoint: one user's failing receiver must not pause others on the same host
        return "webhook " + message.target();
    }

    @Override
    public SendResult send(Outgoing message) {
        Optional<WebhookEndpoint> found = endpoints.find(message.target());
        if (found.isEmpty()) {
            return SendResult.noTarget("the webhook endpoint was removed");
        }
        WebhookEndpoint endpoint = found.get();
        URI url = URI.create(endpoint.url());
        try {
            destinations.guard().resolveAllowed(url);
        } catch (RuntimeException refused) {
            return SendResult.permanentFailure(null, refused.getMessage());
        }
        Instant now = clock.instant();
        String body = WebhookPayload.of(message.notification(), now);
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = Map.of(
                "webhook-id", message.deliveryId(),
                "webhook-timestamp", String.valueOf(timestamp),
                "webhook-signature",
                        WebhookSignature.sign(message.deliveryId(), timestamp, body, endpoint.secrets(now)),
                "Idempotency-Key", message.deliveryId());
        return destinations
                .http()
                .post(
                        url,
                        headers,
                        body.getBytes(StandardCharsets.UTF_8),
                        "application/json",
                        Duration.ofSeconds(timeoutSeconds),
                        clock,
                        true);
    }
}
