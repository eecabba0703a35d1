package dev.herald.platform.boundary;

import dev.herald.platform.boundary.Problem.FieldError;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks that a JSON value has the shape of a Java type before JSON-B binds it (JSON-B would quietly turn
 * {@code "yes"} into {@code false}): records are objects with no unknown fields, lists are arrays, maps are objects,
 * booleans, whole numbers, strings and RFC 3339 instants are what they say. {@code null} passes; Bean Validation
 * decides whether it may be null. Every mismatch is reported with its JSON pointer. Pure.
 */
final class JsonShape {
    private JsonShape() {}

    static void check(JsonValue value, Type type, String pointer, List<FieldError> errors) {
        if (value == null || value == JsonValue.NULL) {
            return;
        }
        if (type instanceof ParameterizedType generic) {
            Type raw = generic.getRawType();
            Type[] arguments = generic.getActualTypeArguments();
            if (raw == List.class) {
                if (value.getValueType() != JsonValue.ValueType.ARRAY) {
                    errors.add(new FieldError(pointer, "must be an array"));
                    return;
                }
                List<JsonValue> items = value.asJsonArray();
                for (int i = 0; i < items.size(); i++) {
                    check(items.get(i), arguments[0], pointer + "/" + i, errors);
                }
                return;
            }
            if (raw == Map.class) {
                if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                    errors.add(new FieldError(pointer, "must be an object"));
                    return;
                }
                value.asJsonObject()
                        .forEach((name, member) -> check(member, arguments[1], pointer + "/" + escape(name), errors));
                return;
            }
        }
        if (type instanceof Class<?> plain) {
            checkPlain(value, plain, pointer, errors);
        }
    }

    private static void checkPlain(JsonValue value, Class<?> type, String pointer, List<FieldError> errors) {
        if (type.isRecord()) {
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                errors.add(new FieldError(pointer, "must be an object"));
                return;
            }
            checkRecord(value.asJsonObject(), type, pointer, errors);
        } else if (type == Boolean.class || type == boolean.class) {
            if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
                errors.add(new FieldError(pointer, "must be true or false"));
            }
        } else if (type == String.class) {
            if (!(value instanceof JsonString)) {
                errors.add(new FieldError(pointer, "must be a string"));
            }
        } else if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            if (!(value instanceof JsonNumber number) || !number.isIntegral()) {
                errors.add(new FieldError(pointer, "must be a whole number"));
            }
        } else if (type == Instant.class) {
            if (!(value instanceof JsonString text) || !isInstant(text.getString())) {
                errors.add(new FieldError(pointer, "must be an RFC 3339 time such as 2026-12-24T18:00:00Z"));
            }
        }
    }

    private static void checkRecord(JsonObject object, Class<?> type, String pointer, List<FieldError> errors) {
        Set<String> known = Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toSet());
        object.keySet().stream()
                .filter(name -> !known.contains(name))
                .sorted()
                .forEach(name -> errors.add(new FieldError(
                        pointer + "/" + escape(name),
                        "unknown field; use " + known.stream().sorted().collect(Collectors.joining(", ")))));
        for (RecordComponent component : type.getRecordComponents()) {
            check(
                    object.get(component.getName()),
                    component.getGenericType(),
                    pointer + "/" + component.getName(),
                    errors);
        }
    }

    private static boolean isInstant(String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            // the answer is "not this shape"; the caller reports which field
            return false;
        }
    }

    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
