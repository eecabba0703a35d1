package dev.herald.webhook.boundary;

import dev.herald.webhook.entity.WebhookEndpoint;
import java.time.Instant;

/**
 * A webhook endpoint as the API shows it: whose it is ({@code scope}: application or user), since when the previous
 * secret is still accepted after a rotation, and the signing secret only in the answer to create and rotate-secret.
 */
public record EndpointView(
        String id,
        String url,
        String scope,
        String description,
        Instant createdAt,
        Instant updatedAt,
        Instant previousSecretValidUntil,
        String secret) {

    static EndpointView of(WebhookEndpoint e, boolean withSecret) {
        return new EndpointView(
                e.id(),
                e.url(),
                e.owner() == null ? "application" : "user",
                e.description(),
                e.createdAt(),
                e.updatedAt(),
                e.previousUntil(),
                withSecret ? e.secret() : null);
    }
}
