package dev.herald.inbox.entity;

import dev.herald.platform.control.JsonFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.TreeMap;

/**
 * The public JSON shape of a notification, written in one place: straight to a generator for live frames (no object
 * tree on the hot path), and as an object for the REST API.
 */
public final class NotificationView {
    private NotificationView() {}

    public static JsonObject of(Notification n) {
        StringWriter text = new StringWriter(512);
        try (JsonGenerator json = JsonFactory.PROVIDER.createGenerator(text)) {
            write(json, n);
        }
        try (JsonReader reader = JsonFactory.PROVIDER.createReader(new StringReader(text.toString()))) {
            return reader.readObject();
        }
    }

    /** Writes the notification as an object: the generator's next value, or its root. */
    public static void write(JsonGenerator json, Notification n) {
        json.writeStartObject()
                .write("id", n.id())
                .write("seq", n.seq())
                .write("type", n.type())
                .write("category", n.category())
                .write("priority", n.handling().priority())
                .write("title", n.title())
                .write("body", n.body());
        if (n.link() != null) {
            json.write("link", n.link());
        }
        json.write("data", n.payload().data())
                .write("actors", n.payload().actors())
                .write("actorCount", n.grouping().actorCount())
                .write("eventCount", n.grouping().eventCount())
                .write("read", n.reading().readAt() != null)
                .write("seen", n.reading().seenAt() != null);
        time(json, "createdAt", n.createdAt());
        time(json, "updatedAt", n.updatedAt());
        time(json, "seenAt", n.reading().seenAt());
        time(json, "readAt", n.reading().readAt());
        time(json, "archivedAt", n.reading().archivedAt());
        time(json, "snoozedUntil", n.reading().snoozedUntil());
        if (!n.handling().channels().isEmpty()) {
            json.writeStartObject("channels");
            new TreeMap<>(n.handling().channels()).forEach(json::write);
            json.writeEnd();
        }
        json.writeEnd();
    }

    private static void time(JsonGenerator json, String name, Instant at) {
        if (at == null) {
            json.writeNull(name);
        } else {
            json.write(name, at.toString());
        }
    }
}
