package dev.herald.push.boundary;

import java.util.List;

/** {@code GET /api/push/subscriptions}: the user's push subscriptions. */
public record Subscriptions(List<SubscriptionView> items) {}
