package dev.herald.preference.entity;

import static java.util.Objects.requireNonNull;

/** A user changed their preferences: their other sessions show the new ones. Observed after commit. */
public record PreferencesChanged(String user, PreferencesDocument preferences) {
    public PreferencesChanged {
        requireNonNull(user);
        requireNonNull(preferences);
    }
}
