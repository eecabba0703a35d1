package dev.herald.inbox.boundary;

/** {@code GET /api/notifications/unread-count}: the unread badge, the number the live unread.count frame carries. */
public record UnreadCount(long count) {}
