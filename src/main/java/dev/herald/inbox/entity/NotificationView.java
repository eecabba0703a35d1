package dev.herald.inbox.entity;

import dev.herald.platform.control.JsonFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
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
                .add("data", n.dataValue())
                .add("actors", n.actorsValue())
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
}
