package dev.herald.preference.boundary;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;

/**
 * {@code /api/me/settings}: the user's locale and time zone (null when not set), the locale their notifications are
 * worded in, and the locales Herald has templates for.
 */
public record SettingsView(
        @JsonbNillable String locale,
        @JsonbNillable String timeZone,
        String effectiveLocale,
        List<String> supportedLocales) {}
