package dev.herald.preference.entity;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * How often a channel's notifications are gathered into one message: {@code off} (each goes on its own),
 * {@code hourly} (at the top of each hour, local time), or {@code daily} at a local time.
 */
public record Digest(Cadence cadence, LocalTime at) {
    public enum Cadence {
        OFF,
        HOURLY,
        DAILY;

        /** The name in the API: {@code off}, {@code hourly}, {@code daily}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final Digest OFF = new Digest(Cadence.OFF, null);

    public Digest {
        requireNonNull(cadence);
        if ((cadence == Cadence.DAILY) != (at != null)) {
            throw new IllegalArgumentException("a daily digest, and only a daily one, has a time of day");
        }
    }

    /** When the next digest after {@code now} goes out; empty when off. */
    public Optional<Instant> next(Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone);
        return switch (cadence) {
            case OFF -> Optional.empty();
            case HOURLY -> Optional.of(
                    local.truncatedTo(ChronoUnit.HOURS).plusHours(1).toInstant());
            case DAILY -> {
                ZonedDateTime today = ZonedDateTime.of(local.toLocalDate(), at, zone);
                yield Optional.of((today.toInstant().isAfter(now)
                                ? today
                                : ZonedDateTime.of(local.toLocalDate().plusDays(1), at, zone))
                        .toInstant());
            }
        };
    }
}
