package dev.herald.preference.entity;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/** What the preferences need to know of a notification: its category, whether it is critical, its type's channels. */
public record Notice(String category, boolean critical, Set<Channel> channels) {
    public Notice {
        requireNonNull(category);
        channels = Set.copyOf(channels);
    }
}
