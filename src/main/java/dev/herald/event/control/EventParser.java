package dev.herald.event.control;

import dev.herald.event.entity.CloudEvent;
import dev.herald.event.entity.InvalidEventException;
import dev.herald.platform.control.JsonFactory;
import dev.herald.platform.control.JsonLimits;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a CloudEvents 1.0 structured-mode JSON document and checks the envelope. Pure: no catalog, no I/O, so the
 * same rules hold over REST and Kafka.
 */
public final class EventParser {
    static final int MAX_ID = 200;
    static final int MAX_SOURCE = 500;
    static final int MAX_TYPE = 200;
    static final int MAX_RECIPIENT = 200;
    static final int MAX_RECIPIENTS = 1000;
    static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");

    private EventParser() {}

    public static CloudEvent parse(String text) throws InvalidEventException {
        if (text == null || text.isBlank()) {
            throw new InvalidEventException("empty payload: expected a CloudEvents JSON object");
        }
        String tooCostly = JsonLimits.violation(text);
        if (tooCostly != null) {
            throw new InvalidEventException(tooCostly);
        }
        JsonValue value;
        try (JsonReader reader = JsonFactory.PROVIDER.createReader(new StringReader(text))) {
            value = reader.readValue();
        } catch (JsonException e) {
            throw new InvalidEventException("malformed JSON: " + firstLine(e.getMessage()));
        } catch (RuntimeException e) {
            // the parser's other refusals (numbers it cannot represent, ...) are malformed input too
            throw new InvalidEventException("malformed JSON: " + firstLine(e.getMessage()));
        }
        if (!(value instanceof JsonObject envelope)) {
            throw new InvalidEventException("expected a CloudEvents JSON object, got " + describe(value));
        }
        return parse(envelope);
    }

    public static CloudEvent parse(JsonObject envelope) throws InvalidEventException {
        String specversion = requiredString(envelope, "specversion", 10);
        if (!"1.0".equals(specversion)) {
            throw new InvalidEventException("specversion must be \"1.0\", got \"" + specversion + "\"");
        }
        String id = requiredString(envelope, "id", MAX_ID);
        String source = requiredString(envelope, "source", MAX_SOURCE);
        String type = requiredString(envelope, "type", MAX_TYPE);
        String subject = optionalString(envelope, "subject", MAX_RECIPIENT);
        String tenant = optionalString(envelope, "tenant", 200);
        String priority = optionalString(envelope, "priority", 10);
        if (priority != null && !PRIORITIES.contains(priority)) {
            throw new InvalidEventException("priority must be one of " + PRIORITIES + ", got \"" + priority + "\"");
        }
        String time = optionalString(envelope, "time", 64);
        if (time != null) {
            try {
                OffsetDateTime.parse(time);
            } catch (DateTimeParseException e) {
                throw new InvalidEventException("time must be an RFC 3339 timestamp, got \"" + time + "\"");
            }
        }
        String contentType = optionalString(envelope, "datacontenttype", 100);
        if (contentType != null && !contentType.startsWith("application/json")) {
            throw new InvalidEventException("datacontenttype must be application/json, got \"" + contentType + "\"");
        }
        if (envelope.containsKey("data_base64")) {
            throw new InvalidEventException("data_base64 is not supported: send data as a JSON object");
        }
        JsonObject data = data(envelope);
        List<String> recipients = recipients(subject, data);
        return new CloudEvent(id, source, type, subject, tenant, priority, data, recipients);
    }

    private static JsonObject data(JsonObject envelope) throws InvalidEventException {
        JsonValue data = envelope.get("data");
        if (data == null || data == JsonValue.NULL) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        if (!(data instanceof JsonObject object)) {
            throw new InvalidEventException("data must be a JSON object, got " + describe(data));
        }
        return object;
    }

    private static List<String> recipients(String subject, JsonObject data) throws InvalidEventException {
        Set<String> recipients = new LinkedHashSet<>();
        if (subject != null) {
            recipients.add(subject);
        }
        JsonValue listed = data.get("recipients");
        if (listed != null && listed != JsonValue.NULL) {
            if (listed.getValueType() != JsonValue.ValueType.ARRAY) {
                throw new InvalidEventException("data.recipients must be an array of user ids");
            }
            for (JsonValue each : listed.asJsonArray()) {
                if (!(each instanceof JsonString string) || !validRecipient(string.getString())) {
                    throw new InvalidEventException(
                            "data.recipients must hold non-blank user ids of at most " + MAX_RECIPIENT + " characters");
                }
                recipients.add(string.getString());
            }
        }
        if (recipients.isEmpty()) {
            throw new InvalidEventException("no recipient: set subject or data.recipients");
        }
        if (recipients.size() > MAX_RECIPIENTS) {
            throw new InvalidEventException("at most " + MAX_RECIPIENTS + " recipients per event");
        }
        return List.copyOf(recipients);
    }

    private static boolean validRecipient(String id) {
        return !id.isBlank() && id.length() <= MAX_RECIPIENT && id.indexOf('\u0000') < 0;
    }

    private static String requiredString(JsonObject envelope, String name, int max) throws InvalidEventException {
        String value = optionalString(envelope, name, max);
        if (value == null) {
            throw new InvalidEventException(name + " is required");
        }
        return value;
    }

    private static String optionalString(JsonObject envelope, String name, int max) throws InvalidEventException {
        JsonValue value = envelope.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            throw new InvalidEventException(name + " must be a string, got " + describe(value));
        }
        String text = string.getString();
        if (text.isBlank()) {
            throw new InvalidEventException(name + " must not be blank");
        }
        if (text.length() > max) {
            throw new InvalidEventException(name + " is longer than " + max + " characters");
        }
        if (text.indexOf('\u0000') >= 0) {
            throw new InvalidEventException(name + " must not contain NUL characters");
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
