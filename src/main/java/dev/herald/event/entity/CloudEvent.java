package dev.herald.event.entity;

import static java.util.Objects.requireNonNull;

import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * A validated CloudEvents 1.0 envelope, from structured or binary mode. {@code (source, id)} is the idempotency key;
 * {@code time} is null when the producer did not say.
 */
public record CloudEvent(
        String id,
        String source,
        String type,
        String subject,
        String tenant,
        String priority,
        Instant time,
        JsonObject data) {

    public CloudEvent {
        requireNonNull(id);
        requireNonNull(source);
        requireNonNull(type);
        requireNonNull(data);
    }

    /** When the event happened: its {@code time}, else when Herald took it. */
    public Instant occurredAt(Instant taken) {
        return time != null ? time : taken;
    }
}
