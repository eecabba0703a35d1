package dev.herald.platform.boundary;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Query parameters that are instants: RFC 3339, or a 400 problem naming the parameter. */
public final class Instants {
    private Instants() {}

    public static Instant parameter(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.invalid(
                    "The query is not valid.",
                    List.of(Problem.FieldError.parameter(name, "must be an RFC 3339 instant"))));
        }
    }
}
