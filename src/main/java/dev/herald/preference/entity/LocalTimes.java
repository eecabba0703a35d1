package dev.herald.preference.entity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;

/** Local times of day as instants, the way a person means them across DST changes. */
public final class LocalTimes {
    private LocalTimes() {}

    /**
     * The instant {@code time} on {@code day} in {@code zone}. A time the spring change skips happens when the clocks
     * jump (02:30 on a day that goes from 02:00 to 03:00 is 03:00); a time the autumn change repeats happens the first
     * time.
     */
    public static Instant instant(LocalDate day, LocalTime time, ZoneId zone) {
        LocalDateTime local = LocalDateTime.of(day, time);
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return ZonedDateTime.of(local, zone).toInstant();
    }
}
