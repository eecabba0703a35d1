package dev.herald.channel.entity;

import java.util.Locale;

/**
 * Where one delivery stands: {@code delayed} (a workflow step holds it: a delay, maybe cancelled if the user reads the
 * notification first), {@code held} (waits for quiet hours to end), {@code digest} (goes out in the user's next
 * email digest), {@code queued}, {@code sending}, {@code sent} (the provider took it), {@code delivered} (the provider
 * confirmed it), {@code failed} (a retry is due), {@code dead} (failed for good: a dead letter), {@code skipped}, or {@code cancelled} (a workflow's
 * condition met before it went: the user read it).
 */
public enum DeliveryStatus {
    DELAYED,
    HELD,
    DIGEST,
    QUEUED,
    SENDING,
    SENT,
    DELIVERED,
    FAILED,
    DEAD,
    SKIPPED,
    CANCELLED;

    /** The status of a stored name ({@link #wire}). */
    public static DeliveryStatus of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }

    /** The name in the database and the API. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
