package dev.herald.event.entity;

import static java.util.Objects.requireNonNull;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonPointer;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Duration;

/**
 * How events of one type gather into one notification per recipient: those with the same group ({@code groupBy}, a
 * JSON pointer into {@code data}; absent means one group per recipient) within {@code window} of the first one,
 * naming at most {@code maxActors} actors. Once the recipient read it, a new event either makes it unread again or,
 * with {@code readStartsNew}, starts a new notification.
 */
public record AggregationRule(
        String groupBy, JsonPointer pointer, Duration window, int maxActors, boolean readStartsNew) {
    /** The group key of types that gather all of a recipient's events. */
    public static final String WHOLE_INBOX = "*";

    public AggregationRule {
        requireNonNull(window);
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be a positive duration");
        }
        if (maxActors < 1 || maxActors > 10) {
            throw new IllegalArgumentException("maxActors must be between 1 and 10");
        }
    }

    /** The group an event's data belongs to. */
    public String groupKey(JsonObject data) throws InvalidEventException {
        if (pointer == null) {
            return WHOLE_INBOX;
        }
        JsonValue value = pointer.containsValue(data) ? pointer.getValue(data) : null;
        if (value instanceof JsonString string && !string.getString().isBlank()) {
            if (string.getString().length() > 500) {
                throw new InvalidEventException("/data" + groupBy, "is longer than 500 characters");
            }
            return string.getString();
        }
        if (value instanceof JsonNumber number) {
            return number.toString();
        }
        throw new InvalidEventException("/data" + groupBy, "is required to group this type: a string or a number");
    }
}
