package dev.herald.event.boundary;

import java.time.Instant;

/**
 * {@code POST /api/events} (202): the event Kafka acknowledged, how many recipients it resolved to, whether its type is
 * silent (accepted and counted, no notification), and when it is delivered if it was scheduled (null: at once).
 */
public record Accepted(String id, String source, String type, int recipients, boolean silent, Instant deliverAt) {}
