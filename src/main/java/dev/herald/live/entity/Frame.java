package dev.herald.live.entity;

import static java.util.Objects.requireNonNull;

/**
 * One live frame, serialized once where a change is announced and sent as it is to every open socket of its user.
 * {@code type} and {@code seq} travel beside the text so the live path orders frames without parsing them:
 * {@code seq} is the new place in the user's sequence for frames that took one (a created notification, an aggregate
 * moved to the top), and 0 for every other frame.
 */
public record Frame(String type, long seq, String json) {
    public static final String CREATED = "notification.created";
    public static final String UPDATED = "notification.updated";
    public static final String DELETED = "notification.deleted";
    public static final String UNREAD_COUNT = "unread.count";
    public static final String GAP = "gap";
    public static final String ERROR = "error";
    public static final String RECONNECT = "reconnect";
    public static final String PREFERENCES = "preferences.updated";

    public Frame {
        requireNonNull(type);
        requireNonNull(json);
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative");
        }
    }

    /** Whether the frame holds a place in the user's sequence, so the sequencer orders it and fills gaps before it. */
    public boolean sequenced() {
        return seq > 0;
    }
}
