package dev.herald.event.boundary;

import dev.herald.event.entity.ParkedEvent;
import dev.herald.platform.control.JsonFactory;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.time.Instant;

/**
 * One parked record of {@code GET /api/admin/parked-events}: where it was read (a record parked by the REST intake has
 * no topic), what it held, and why it was parked (every reason with its pointer in {@code errors}).
 */
public record ParkedView(
        String id,
        Instant parkedAt,
        String reason,
        String topic,
        Integer partition,
        Long offset,
        String key,
        String payload,
        JsonValue errors,
        JsonValue headers) {

    static ParkedView of(ParkedEvent p) {
        boolean read = p.topic() != null;
        return new ParkedView(
                p.id(),
                p.parkedAt(),
                p.reason(),
                p.topic(),
                read ? p.partition() : null,
                read ? p.offset() : null,
                p.key(),
                p.payload(),
                parse(p.errors()),
                parse(p.headers()));
    }

    /** JSON this application wrote itself; null stays null. */
    private static JsonValue parse(String json) {
        if (json == null) {
            return null;
        }
        try (JsonReader reader = JsonFactory.strictReader(json)) {
            return reader.readValue();
        }
    }
}
