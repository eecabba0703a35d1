package dev.herald.channel.entity;

import java.util.Locale;

/**
 * Where one delivery stands: {@code held} (waits for quiet hours to end), {@code digest} (goes out in the user's next
 * email digest), {@code queued}, {@code sending}, {@code sent} (the provider took it), {@code delivered} (the provider
 * confirmed it), {@code failed} (a retry is due), {@code dead} (failed for good: a dead letter) or {@code skipped}.
 */
public enum DeliveryStatus {
    HELD,
    DIGEST,
    QUEUED,
    SENDING,
    SENT,
    DELIVERED,
    FAILED,
    DEAD,
    SKIPPED;

    /** The status of a stored name ({@link #wire}). */
    public static DeliveryStatus of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /** The name in the database and the API. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
