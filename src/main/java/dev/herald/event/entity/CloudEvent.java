package dev.herald.event.entity;

import static java.util.Objects.requireNonNull;

import jakarta.json.JsonObject;
import java.util.List;

/**
 * A validated CloudEvents 1.0 envelope. {@code (source, id)} is the idempotency key; {@code recipients} is the
 * union of {@code subject} and {@code data.recipients}.
 */
public record CloudEvent(
        String id,
        String source,
        String type,
        String subject,
        String tenant,
        String priority,
        JsonObject data,
        List<String> recipients) {

    public CloudEvent {
        requireNonNull(id);
        requireNonNull(source);
        requireNonNull(type);
        requireNonNull(data);
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an event needs at least one recipient");
        }
    }

    /** The Kafka record key: the subject, else the first recipient, so one user's events stay in order. */
    public String partitionKey() {
        return subject != null ? subject : recipients.get(0);
    }
}
