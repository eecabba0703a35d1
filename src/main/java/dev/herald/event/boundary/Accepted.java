package dev.herald.event.boundary;

/**
 * {@code POST /api/events} (202): the event Kafka acknowledged, how many recipients it resolved to, and whether its
 * type is silent (accepted and counted, no notification).
 */
public record Accepted(String id, String source, String type, int recipients, boolean silent) {}
