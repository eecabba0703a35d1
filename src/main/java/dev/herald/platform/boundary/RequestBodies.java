package dev.herald.platform.boundary;

import dev.herald.platform.boundary.Problem.FieldError;
import dev.herald.platform.control.JsonFactory;
import dev.herald.platform.control.JsonLimits;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Request bodies and query parameters, checked in one place: size and nesting limits, JSON syntax, unknown fields,
 * binding to a record with JSON-B, then Bean Validation. Every problem found is answered at once as a 400
 * problem+json whose {@code errors} point at the field (a JSON pointer into the body, or the query parameter's name).
 */
@ApplicationScoped
public class RequestBodies {
    /** A text PostgreSQL takes as a parameter: anything but NUL (use with {@code @Pattern}). */
    public static final String NO_NUL = "[^\\x00]*";

    /** The largest body the inbox and preference endpoints take. */
    public static final int MAX_BYTES = 64 * 1024;

    @Inject
    Validator validator;

    private final Jsonb jsonb = JsonbBuilder.create();

    @PreDestroy
    void close() {
        try {
            jsonb.close();
        } catch (Exception e) {
            // nothing is left to release
        }
    }

    /** The body as a JSON object, within Herald's limits. */
    public JsonObject object(String body) {
        String problem = body == null || body.isBlank() ? "the body must be a JSON object" : null;
        if (problem == null && body.length() > MAX_BYTES) {
            problem = "the body is larger than " + MAX_BYTES + " bytes";
        }
        if (problem == null) {
            problem = JsonLimits.violation(body);
        }
        if (problem == null) {
            try (JsonReader reader = JsonFactory.strictReader(body)) {
                if (reader.readValue() instanceof JsonObject object) {
                    return object;
                }
                problem = "the body must be a JSON object";
            } catch (JsonException | IllegalStateException e) {
                problem = "malformed JSON";
            }
        }
        throw new ProblemException(Problem.invalid(problem, List.of(new FieldError("", problem))));
    }

    /** Reads a body into {@code type}, a record whose components carry Bean Validation constraints. */
    public <T extends Record> T read(String body, Class<T> type) {
        return bind(object(body), type);
    }

    /**
     * Binds a JSON object to {@code type}: first its shape (types, no unknown fields, at any depth), then JSON-B, then
     * Bean Validation.
     */
    public <T extends Record> T bind(JsonObject json, Class<T> type) {
        List<FieldError> errors = new ArrayList<>();
        JsonShape.check(json, type, "", errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("The request does not have the expected shape.", errors));
        }
        T value;
        try {
            value = jsonb.fromJson(json.toString(), type);
        } catch (JsonbException e) {
            throw new ProblemException(Problem.invalid(
                    "The request does not have the expected shape.", List.of(new FieldError("", "cannot be read"))));
        }
        check(value, "The request is not valid.");
        return value;
    }

    /** Validates a record of query parameters; a 400 naming every invalid parameter otherwise. */
    public void checkParameters(Record parameters) {
        throwIfInvalid(validator.validate(parameters), "A query parameter is not valid.", true);
    }

    private void check(Object bean, String detail) {
        throwIfInvalid(validator.validate(bean), detail, false);
    }

    private static void throwIfInvalid(Set<ConstraintViolation<Object>> violations, String detail, boolean parameters) {
        if (violations.isEmpty()) {
            return;
        }
        List<FieldError> errors = violations.stream()
                .map(v -> {
                    String pointer = pointer(v.getPropertyPath());
                    return parameters
                            ? FieldError.parameter(pointer.substring(1), v.getMessage())
                            : new FieldError(pointer, v.getMessage());
                })
                .sorted(Comparator.comparing(FieldError::where).thenComparing(FieldError::detail))
                .toList();
        throw new ProblemException(Problem.invalid(detail, errors));
    }

    /** A property path as a JSON pointer: {@code digest[email].at} is {@code /digest/email/at}. */
    static String pointer(Path path) {
        StringBuilder pointer = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable()) {
                Object at = node.getKey() != null ? node.getKey() : node.getIndex();
                if (at != null) {
                    pointer.append('/').append(JsonShape.escape(at.toString()));
                }
            }
            String name = node.getName();
            if (name != null && !name.startsWith("<")) {
                pointer.append('/').append(JsonShape.escape(name));
            }
        }
        return pointer.toString();
    }
}
