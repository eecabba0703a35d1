package dev.herald.event.entity;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** An event that passed every check: its envelope, its catalog type, its data schema, and who receives it. */
public record AcceptedEvent(CloudEvent event, EventType type, List<String> recipients) {
    public AcceptedEvent {
        requireNonNull(event);
        requireNonNull(type);
        recipients = List.copyOf(recipients);
    }

    /** The Kafka record key: the subject, else the first recipient, so one user's events stay in order. */
    public String partitionKey() {
        if (event.subject() != null) {
            return event.subject();
        }
        return recipients.isEmpty() ? event.source() + "/" + event.id() : recipients.get(0);
    }
}
