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
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            // null tells the caller to answer 400 for this parameter
            instant = null;
        }
        if (instant == null || instant.isBefore(FIRST) || instant.isAfter(LAST)) {
            throw new ProblemException(Problem.invalid(
                    "The query is not valid.",
                    List.of(Problem.FieldError.parameter(name, "must be an RFC 3339 instant in the years 1 to 9999"))));
        }
        return instant;
    }

    /** A body's instant (at {@code pointer}) within the years PostgreSQL and Kafka take: 1970 to 9999. */
    public static Instant bodyInstant(String pointer, Instant instant) {
        if (instant != null && (instant.isBefore(Instant.EPOCH) || instant.isAfter(LAST))) {
            throw new ProblemException(Problem.invalid(
                    "The request body is not valid.",
                    List.of(new Problem.FieldError(pointer, "must be an instant in the years 1970 to 9999"))));
        }
        return instant;
    }

    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999Z");
}
