package dev.herald.preference.entity;

import static java.util.Objects.requireNonNull;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A quiet window on some days of the week, in the user's time zone: from {@code start} to {@code end}, across midnight
 * when {@code end} is not after {@code start} (the day is the one the window starts on). A start or end that a DST change
 * skips happens when the clocks jump, one it repeats happens the first time, so a window is never lost or doubled.
 */
public record QuietHours(Set<DayOfWeek> days, LocalTime start, LocalTime end) {
    public QuietHours {
        days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
        requireNonNull(start);
        requireNonNull(end);
        if (start.equals(end)) {
            throw new IllegalArgumentException("quiet hours start and end at different times");
        }
    }

    /** When the window holding {@code at} ends; empty when {@code at} is outside every window. */
    public Optional<Instant> endOfWindowAt(Instant at, ZoneId zone) {
        LocalDate today = at.atZone(zone).toLocalDate();
        for (LocalDate day : new LocalDate[] {today.minusDays(1), today}) {
            if (!days.contains(day.getDayOfWeek())) {
                continue;
            }
            Instant from = LocalTimes.instant(day, start, zone);
            LocalDate endDay = end.isAfter(start) ? day : day.plusDays(1);
            Instant to = LocalTimes.instant(endDay, end, zone);
            if (!at.isBefore(from) && at.isBefore(to)) {
                return Optional.of(to);
            }
        }
        return Optional.empty();
    }
}
