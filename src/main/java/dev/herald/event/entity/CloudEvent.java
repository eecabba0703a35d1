package dev.herald.event.entity;

import static java.util.Objects.requireNonNull;

import jakarta.json.JsonObject;
import java.time.Instant;

/**
 * A validated CloudEvents 1.0 envelope, from structured or binary mode. {@code (source, id)} is the idempotency key;
 * {@code time} is null when the producer did not say; {@code deliverAt} (the extension attribute {@code deliverat}) is
 * when a scheduled event is to be delivered, null for at once.
 */
public record CloudEvent(
        String id,
        String source,
        String type,
        String subject,
        String tenant,
        String priority,
        Instant time,
        Instant deliverAt,
        JsonObject data) {

    public CloudEvent {
        requireNonNull(id);
        requireNonNull(source);
        requireNonNull(type);
        requireNonNull(data);
    }

    /** Whether it is to be held until a time after {@code now}. */
    public boolean scheduledAfter(Instant now) {
        return deliverAt != null && deliverAt.isAfter(now);
    }

    /** When the event happened: its {@code time}, else when Herald took it. */
    public Instant occurredAt(Instant taken) {
        return time != null ? time : taken;
    }
}
