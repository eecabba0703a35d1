package dev.herald.inbox.entity;

/** {@code (source, id, recipient)}: at most one notification per event and recipient. */
public record EventKey(String source, String eventId, String recipient) {}
