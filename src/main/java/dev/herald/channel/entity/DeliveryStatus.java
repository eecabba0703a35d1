package dev.herald.channel.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

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

    /** The name in the database and the API. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeliveryStatus> of(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst();
    }

    /** Whether nothing more will happen to the delivery by itself. */
    public boolean settled() {
        return this == SENT || this == DELIVERED || this == DEAD || this == SKIPPED;
    }
}
