package dev.herald.webhook.boundary;

import java.util.List;

/** {@code GET /api/webhooks} and {@code /api/admin/webhooks}: the owner's endpoints, without their secrets. */
public record Endpoints(List<EndpointView> items) {}
