package dev.herald.preference.entity;

import static java.util.Objects.requireNonNull;

import java.time.ZoneId;
import java.time.ZoneOffset;

/** What intake needs to know of one recipient: their locale (null: the default), time zone and preferences. */
public record Recipient(String locale, ZoneId zone, Preferences preferences) {
    public static final Recipient DEFAULT = new Recipient(null, ZoneOffset.UTC, Preferences.DEFAULTS);

    public Recipient {
        requireNonNull(zone);
        requireNonNull(preferences);
    }
}
