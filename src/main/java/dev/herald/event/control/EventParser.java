package dev.herald.event.control;

import dev.herald.event.entity.CloudEvent;
import dev.herald.event.entity.InvalidEventException;
import dev.herald.event.entity.Violation;
import dev.herald.platform.control.JsonFactory;
import dev.herald.platform.control.JsonLimits;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a CloudEvents 1.0 event, structured mode (one JSON document) or binary mode (the Kafka protocol binding:
 * attributes in {@code ce_*} headers, {@code data} as the record's value), and checks the envelope. Every problem is
 * reported with a JSON pointer into the event. Pure: no catalog, no I/O, so the same rules hold over REST and Kafka.
 */
public final class EventParser {
    static final int MAX_ID = 200;
    static final int MAX_SOURCE = 500;
    static final int MAX_TYPE = 200;
    static final int MAX_SUBJECT = 200;
    public static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "critical");
    /** The header that marks a binary-mode record, per the CloudEvents Kafka protocol binding. */
    public static final String BINARY_MARKER = "ce_specversion";

    /** The string attributes Herald reads, in the order problems are reported, with their longest length. */
    private static final Map<String, Integer> LIMITS = new LinkedHashMap<>();

    static {
        LIMITS.put("specversion", 10);
        LIMITS.put("id", MAX_ID);
        LIMITS.put("source", MAX_SOURCE);
        LIMITS.put("type", MAX_TYPE);
        LIMITS.put("subject", MAX_SUBJECT);
        LIMITS.put("tenant", 200);
        LIMITS.put("priority", 10);
        LIMITS.put("time", 64);
        LIMITS.put("deliverat", 64);
        LIMITS.put("datacontenttype", 100);
    }

    private EventParser() {}

    /** Structured mode: the whole event is one JSON object. */
    public static CloudEvent parse(String text) throws InvalidEventException {
        JsonValue value = readJson(text, "", "a CloudEvents JSON object");
        if (!(value instanceof JsonObject envelope)) {
            throw new InvalidEventException("", "expected a CloudEvents JSON object, got " + describe(value));
        }
        return parse(envelope);
    }

    /** Whether a Kafka record is in binary mode: it carries the envelope in headers. */
    public static boolean isBinary(Map<String, String> headers) {
        return headers.containsKey(BINARY_MARKER);
    }

    /**
     * Binary mode: the attributes come from {@code ce_<name>} headers, the content type from {@code content-type},
     * and the value is {@code data}. Pointers name the envelope attributes as they would be in structured mode.
     */
    public static CloudEvent parseBinary(Map<String, String> headers, String value) throws InvalidEventException {
        JsonObjectBuilder envelope = JsonFactory.PROVIDER.createObjectBuilder();
        headers.forEach((name, text) -> {
            if (name.startsWith("ce_") && name.length() > 3 && text != null) {
                envelope.add(name.substring(3), text);
            }
        });
        String contentType = headers.get("content-type");
        if (contentType != null) {
            envelope.add("datacontenttype", contentType);
        }
        if (value != null && !value.isBlank()) {
            envelope.add("data", readJson(value, "/data", "a JSON object as data"));
        }
        return parse(envelope.build());
    }

    public static CloudEvent parse(JsonObject envelope) throws InvalidEventException {
        List<Violation> violations = new ArrayList<>();
        Map<String, String> attributes = new HashMap<>();
        LIMITS.forEach((name, max) -> {
            String value = optionalString(envelope, name, max, violations);
            if (value != null) {
                attributes.put(name, value);
            }
        });
        for (String required : List.of("specversion", "id", "source", "type")) {
            if (!envelope.containsKey(required) || envelope.get(required) == JsonValue.NULL) {
                violations.add(new Violation("/" + required, required + " is required"));
            }
        }
        String specversion = attributes.get("specversion");
        if (specversion != null && !"1.0".equals(specversion)) {
            violations.add(new Violation("/specversion", "must be \"1.0\", got \"" + specversion + "\""));
        }
        String priority = attributes.get("priority");
        if (priority != null && !PRIORITIES.contains(priority)) {
            violations.add(
                    new Violation("/priority", "must be one of low, normal, high, critical, got \"" + priority + "\""));
        }
        Instant time = time(attributes.get("time"), "/time", violations);
        Instant deliverAt = time(attributes.get("deliverat"), "/deliverat", violations);
        String contentType = attributes.get("datacontenttype");
        if (contentType != null && !contentType.startsWith("application/json")) {
            violations.add(new Violation("/datacontenttype", "must be application/json, got \"" + contentType + "\""));
        }
        if (envelope.containsKey("data_base64")) {
            violations.add(new Violation("/data_base64", "is not supported: send data as a JSON object"));
        }
        JsonObject data = data(envelope, violations);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(violations);
        }
        return new CloudEvent(
                attributes.get("id"),
                attributes.get("source"),
                attributes.get("type"),
                attributes.get("subject"),
                attributes.get("tenant"),
                priority,
                time,
                deliverAt,
                data);
    }

    private static JsonValue readJson(String text, String pointer, String expected) throws InvalidEventException {
        if (text == null || text.isBlank()) {
            throw new InvalidEventException(pointer, "empty: expected " + expected);
        }
        String tooCostly = JsonLimits.violation(text);
        if (tooCostly != null) {
            throw new InvalidEventException(pointer, tooCostly);
        }
        try (JsonReader reader = JsonFactory.strictReader(text)) {
            return reader.readValue();
        } catch (JsonException e) {
            throw new InvalidEventException(pointer, "malformed JSON: " + firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            // the parser's other refusals (numbers it cannot represent, ...) are malformed input too
            throw new InvalidEventException(pointer, "malformed JSON: " + firstLine(e.getMessage()));
        }
    }

    private static Instant time(String time, String pointer, List<Violation> violations) {
        if (time == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            violations.add(new Violation(pointer, "must be an RFC 3339 timestamp, got \"" + time + "\""));
            return null;
        }
    }

    private static JsonObject data(JsonObject envelope, List<Violation> violations) {
        JsonValue data = envelope.get("data");
        if (data == null || data == JsonValue.NULL) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (!(data instanceof JsonObject object)) {
            violations.add(new Violation("/data", "must be a JSON object, got " + describe(data)));
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        return object;
    }

    private static String optionalString(JsonObject envelope, String name, int max, List<Violation> violations) {
        JsonValue value = envelope.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        String pointer = "/" + name;
        if (!(value instanceof JsonString string)) {
            violations.add(new Violation(pointer, "must be a string, got " + describe(value)));
            return null;
        }
        String text = string.getString();
        if (text.isBlank()) {
            violations.add(new Violation(pointer, "must not be blank"));
            return null;
        }
        if (text.length() > max) {
            violations.add(new Violation(pointer, "is longer than " + max + " characters"));
            return null;
        }
        if (text.indexOf('\u0000') >= 0) {
            violations.add(new Violation(pointer, "must not contain NUL characters"));
            return null;
        }
        return text;
    }

    private static String describe(JsonValue value) {
        return value.getValueType().name().toLowerCase();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
