package dev.herald.inbox.entity;

import dev.herald.platform.control.JsonFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;

/** The public JSON shape of a notification. */
public final class NotificationView {
    private NotificationView() {}

    public static JsonObject of(Notification n) {
        JsonObjectBuilder json = JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("id", n.id())
                .add("seq", n.seq())
                .add("type", n.type())
                .add("category", n.category())
                .add("title", n.title())
                .add("body", n.body())
                .add("data", parse(n.data()))
                .add("actors", parse(n.actors()))
                .add("read", n.readAt() != null);
        time(json, "createdAt", n.createdAt());
        time(json, "updatedAt", n.updatedAt());
        time(json, "seenAt", n.seenAt());
        time(json, "readAt", n.readAt());
        time(json, "archivedAt", n.archivedAt());
        return json.build();
    }

    private static void time(JsonObjectBuilder json, String name, Instant at) {
        if (at == null) {
            json.addNull(name);
        } else {
            json.add(name, at.toString());
        }
    }

    private static JsonValue parse(String stored) {
        try (JsonReader reader = JsonFactory.PROVIDER.createReader(new StringReader(stored))) {
            return reader.readValue();
        }
    }
}
