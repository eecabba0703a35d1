package dev.herald.workflow.entity;

import dev.herald.preference.entity.LocalTimes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * How long a send waits: a fixed duration ({@code "PT15M"}), or until the next time of day in the recipient's zone
 * ({@code {"until": "09:00"}}), optionally spread over a window so not every recipient's 09:00 falls on one second
 * ({@code "spread": "PT15M"}: each recipient gets a fixed offset within it, from their id). Across DST changes a
 * local time means what a person means: a time the spring change skips happens when the clocks jump, a repeated one
 * the first time.
 */
public record Delay(Duration duration, LocalTime until, Duration spread) {
    /** The longest a step may wait. */
    public static final Duration MAX = Duration.ofDays(7);

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    public Delay {
        if ((duration == null) == (until == null)) {
            throw new IllegalArgumentException("a delay is either a duration or a time of day");
        }
        if (duration != null && (duration.isNegative() || duration.isZero() || duration.compareTo(MAX) > 0)) {
            throw new IllegalArgumentException("must be more than zero and at most P7D");
        }
        if (spread != null && (until == null || spread.isNegative() || spread.compareTo(Duration.ofHours(12)) > 0)) {
            throw new IllegalArgumentException("a spread goes with \"until\" and is at most PT12H");
        }
    }

    public static Delay of(Duration duration) {
        return new Delay(duration, null, null);
    }

    public static Delay until(LocalTime time, Duration spread) {
        return new Delay(null, time, spread);
    }

    /** When a send planned at {@code now} for {@code recipient} in {@code zone} is due. */
    public Instant due(Instant now, ZoneId zone, String recipient) {
        if (duration != null) {
            return now.plus(duration);
        }
        Duration offset = spread == null || spread.isZero()
                ? Duration.ZERO
                : Duration.ofSeconds(Math.floorMod(recipient.hashCode(), spread.toSeconds()));
        ZonedDateTime local = now.atZone(zone);
        Instant today = LocalTimes.instant(local.toLocalDate(), until, zone).plus(offset);
        return today.isAfter(now)
                ? today
                : LocalTimes.instant(local.toLocalDate().plusDays(1), until, zone)
                        .plus(offset);
    }

    /** How the story says it: "15 minutes" or "the next 09:00 in the recipient's time zone". */
    public String describe() {
        if (duration != null) {
            return duration.toString();
        }
        return "the next " + HH_MM.format(until) + " in the recipient's time zone"
                + (spread == null || spread.isZero() ? "" : " (spread over " + spread + ")");
    }
}
