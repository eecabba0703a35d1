package dev.herald.workflow.entity;

import dev.herald.inbox.entity.Reading;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What cancels a pending send: the user saw the notification, read it, or archived it before it went. Reading counts
 * as seeing, and archiving counts as neither (an archived notification may be unread).
 */
public enum Unless {
    SEEN,
    READ,
    ARCHIVED;

    /** The name in the catalog and the database: {@code seen}, {@code read}, {@code archived}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Unless> of(String wire) {
        return Arrays.stream(values()).filter(u -> u.wire().equals(wire)).findFirst();
    }

    /** When the notification got there, if it did. */
    public Optional<Instant> metAt(Reading reading) {
        return Optional.ofNullable(
                switch (this) {
                    case SEEN -> reading.seenAt();
                    case READ -> reading.readAt();
                    case ARCHIVED -> reading.archivedAt();
                });
    }

    /** Why a pending send met this condition, for the user's story. */
    public String why(Instant at) {
        return wire() + " at " + at + ", before it went";
    }
}
