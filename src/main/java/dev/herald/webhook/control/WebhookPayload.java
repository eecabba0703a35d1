package dev.herald.webhook.control;

import dev.herald.inbox.entity.Notification;
import dev.herald.platform.control.JsonFactory;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;

/**
 * The body of a webhook, in the Standard Webhooks shape: {@code {type, timestamp, data}} where {@code type} is the
 * notification's type and {@code data} the notification as the REST API shows it (plus its recipient).
 */
public final class WebhookPayload {
    private WebhookPayload() {}

    public static String of(Notification n, Instant now) {
        JsonObjectBuilder data = JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("id", n.id())
                .add("recipient", n.recipient())
                .add("type", n.type())
                .add("category", n.category())
                .add("priority", n.handling().priority())
                .add("title", n.title())
                .add("body", n.body())
                .add("data", n.payload().data())
                .add("actors", n.payload().actors())
                .add("createdAt", n.createdAt().toString());
        return JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("type", n.type())
                .add("timestamp", now.toString())
                .add("data", data)
                .build()
                .toString();
    }
}
