package dev.herald.event.entity;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** One entry of the event catalog: how an event {@code type} becomes a notification. */
public record EventType(String type, String category, List<String> channels, Template title, Template body) {
    public EventType {
        requireNonNull(type);
        requireNonNull(category);
        channels = List.copyOf(channels);
        requireNonNull(title);
        requireNonNull(body);
    }
}
