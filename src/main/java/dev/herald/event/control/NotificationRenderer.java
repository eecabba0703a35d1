package dev.herald.event.control;

import dev.herald.event.entity.CloudEvent;
import dev.herald.event.entity.EventType;
import dev.herald.event.entity.InvalidEventException;
import dev.herald.inbox.entity.Notification;
import dev.herald.platform.control.JsonFactory;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;

/** Turns a valid event of a known type into one notification per recipient. Pure. */
public final class NotificationRenderer {
    private NotificationRenderer() {}

    public static List<Notification> render(CloudEvent event, EventType type, Instant now)
            throws InvalidEventException {
        String title = type.title().render(event.data());
        String body = type.body().render(event.data());
        if (title.isBlank()) {
            throw new InvalidEventException("the " + type.type() + " template rendered an empty title");
        }
        if (title.indexOf('\u0000') >= 0 || body.indexOf('\u0000') >= 0) {
            throw new InvalidEventException("data must not contain NUL characters");
        }
        // each recipient must not learn who else received the event
        JsonObject data = JsonFactory.PROVIDER
                .createObjectBuilder(event.data())
                .remove("recipients")
                .build();
        JsonArray actors = actors(event.data());
        return event.recipients().stream()
                .map(recipient -> new Notification(
                        recipient,
                        event.source(),
                        event.id(),
                        type.type(),
                        type.category(),
                        title,
                        body,
                        data,
                        actors,
                        now))
                .toList();
    }

    private static JsonArray actors(JsonObject data) {
        JsonValue actor = data.get("actor");
        if (actor == null || actor == JsonValue.NULL) {
            return JsonValue.EMPTY_JSON_ARRAY;
        }
        return JsonFactory.PROVIDER.createArrayBuilder().add(actor).build();
    }
}
