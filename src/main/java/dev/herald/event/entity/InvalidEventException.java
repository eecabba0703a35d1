package dev.herald.event.entity;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An event that can never be turned into notifications, with every reason found, each pointing into the event; the
 * message joins them and is fit for a client.
 */
public class InvalidEventException extends Exception {
    private final transient List<Violation> violations;

    public InvalidEventException(String pointer, String detail) {
        this(List.of(new Violation(pointer, detail)));
    }

    public InvalidEventException(List<Violation> violations) {
        super(violations.stream().map(Violation::toString).collect(Collectors.joining("; ")), null, false, false);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid event needs at least one reason");
        }
        this.violations = List.copyOf(violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
