package dev.herald.ops.control;

import dev.herald.email.control.EmailProvider;
import dev.herald.inbox.entity.Notification;
import dev.herald.platform.control.JsonFactory;
import dev.herald.push.control.PushProvider;
import dev.herald.sms.control.SmsProvider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/** A rendered notification as each channel would send it, for the preview: the channels' own composers. */
@ApplicationScoped
public class Previews {
    @Inject
    EmailProvider email;

    @Inject
    PushProvider push;

    @Inject
    SmsProvider sms;

    public JsonObject of(Notification n, String channel) {
        JsonObjectBuilder json = JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("channel", channel)
                .add("locale", n.locale())
                .add("title", n.title())
                .add("body", n.body());
        if (n.link() != null) {
            json.add("link", n.link());
        }
        switch (channel) {
            case "email" -> email.preview(n).forEach(json::add);
            case "push" -> push.preview(n).forEach(json::add);
            case "sms" -> sms.preview(n).forEach(json::add);
            default -> {
                // the inbox shows the title and body
            }
        }
        return json.build();
    }
}
