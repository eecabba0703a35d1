package dev.herald.event.entity;

import static java.util.Objects.requireNonNull;

/**
 * One reason an event is refused: a JSON pointer into the event ({@code /data/post/id}, {@code /type}; empty for the
 * whole document) and what is wrong there, in words fit for the producer.
 */
public record Violation(String pointer, String detail) {
    public Violation {
        requireNonNull(pointer);
        requireNonNull(detail);
    }

    @Override
    public String toString() {
        return pointer.isEmpty() ? detail : pointer + ": " + detail;
    }
}
