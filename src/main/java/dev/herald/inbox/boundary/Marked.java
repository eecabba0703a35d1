package dev.herald.inbox.boundary;

/** {@code POST /api/notifications/read-all} and {@code seen-all}: how many notifications changed. */
public record Marked(int marked) {}
