package dev.herald.inbox.entity;

import static java.util.Objects.requireNonNull;

/**
 * One live frame, serialized once where the change happens and sent as it is to every open socket of its user. The
 * {@code type} and {@code seq} travel beside the text so the live path can order frames without parsing them;
 * {@code seq} is 0 for frames that are not about one notification.
 */
public record Frame(String type, long seq, String json) {
    public static final String CREATED = "notification.created";
    public static final String UPDATED = "notification.updated";
    public static final String DELETED = "notification.deleted";
    public static final String UNREAD_COUNT = "unread.count";
    public static final String GAP = "gap";
    public static final String ERROR = "error";

    public Frame {
        requireNonNull(type);
        requireNonNull(json);
    }

    public boolean isCreated() {
        return CREATED.equals(type);
    }
}
