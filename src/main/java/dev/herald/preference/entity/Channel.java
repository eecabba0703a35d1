package dev.herald.preference.entity;

import java.util.Arrays;
import java.util.Optional;

/** Where a notification can reach a user; {@link #wire()} is the name in the catalog and the API. */
public enum Channel {
    IN_APP("in_app"),
    EMAIL("email"),
    PUSH("push"),
    SMS("sms"),
    WEBHOOK("webhook");

    /** The wire names, for validation patterns. */
    public static final String PATTERN = "in_app|email|push|sms|webhook";

    private final String wire;

    Channel(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<Channel> of(String wire) {
        return Arrays.stream(values()).filter(c -> c.wire.equals(wire)).findFirst();
    }
}
