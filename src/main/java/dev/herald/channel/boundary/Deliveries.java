package dev.herald.channel.boundary;

import dev.herald.channel.entity.DeliveryView;
import java.util.List;

/** {@code GET /api/notifications/{id}/deliveries}: one delivery per channel and target, with every attempt. */
public record Deliveries(List<DeliveryView> items) {}
