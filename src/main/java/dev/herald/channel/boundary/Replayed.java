package dev.herald.channel.boundary;

/** {@code POST /api/admin/dead-letters/replay}: how many dead letters were queued again. */
public record Replayed(int replayed) {}
