package dev.herald.channel.boundary;

/** {@code POST /api/admin/dead-letters/discard}: how many dead letters were closed without sending. */
public record Discarded(int discarded) {}
