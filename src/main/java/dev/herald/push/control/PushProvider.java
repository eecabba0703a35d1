package dev.herald.push.control;

import dev.herald.channel.control.ChannelProvider;
import dev.herald.channel.control.ChannelTexts;
import dev.herald.channel.control.Destinations;
import dev.herald.channel.entity.Outgoing;
import dev.herald.channel.entity.SendResult;
import dev.herald.inbox.entity.Notification;
import dev.herald.link.control.OpenLinks;
import dev.herald.platform.control.JsonFactory;
import dev.herald.preference.entity.Channel;
import dev.herald.push.entity.PushSubscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Web push (RFC 8030) to a browser's push service: the payload encrypted for the subscription (RFC 8291, aes128gcm),
 * signed with Herald's VAPID key (RFC 8292), TTL and Urgency from the notification's priority. Enabled when the VAPID
 * keys are configured. 201 from the push service is a confirmed delivery; 404 and 410 mean the subscription is gone
 * and it is deleted.
 */
@ApplicationScoped
public class PushProvider implements ChannelProvider {
    @Inject
    PushSubscriptions subscriptions;

    @Inject
    VapidKeys keys;

    @Inject
    Destinations destinations;

    @Inject
    Clock clock;

    @Inject
    OpenLinks opens;

    @Inject
    ChannelTexts texts;

    @Inject
    @ConfigProperty(name = "herald.push.timeout-seconds", defaultValue = "10")
    long timeoutSeconds;

    @Override
    public Channel channel() {
        return Channel.PUSH;
    }

    @Override
    public boolean enabled() {
        return keys.vapid().isPresent();
    }

    @Override
    public Map<String, List<String>> targets(Collection<String> users) {
        return subscriptions.targets(users);
    }

    @Override
    public String breakerKey(Outgoing message) {
        return subscriptions
                .find(message.target())
                .map(s -> "push " + URI.create(s.endpoint()).getHost())
                .orElse("push");
    }

    @Override
    public void forget(String target) {
        subscriptions.forget(target);
    }

    @Override
    public SendResult send(Outgoing message) {
        Optional<PushSubscription> found = subscriptions.find(message.target());
        if (found.isEmpty()) {
            return SendResult.noTarget("the push subscription was removed");
        }
        PushSubscription subscription = found.get();
        URI endpoint = URI.create(subscription.endpoint());
        try {
            destinations.guard().resolveAllowed(endpoint);
        } catch (RuntimeException refused) {
            return SendResult.permanentFailure(null, refused.getMessage());
        }
        Notification n = message.notification();
        byte[] body = WebPushCipher.encrypt(
                subscription.p256dh(), subscription.auth(), payload(n).getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = Map.of(
                "Content-Encoding", "aes128gcm",
                "TTL", String.valueOf(ttl(n.handling().priority()).toSeconds()),
                "Urgency", urgency(n.handling().priority()),
                "Authorization", keys.vapid().orElseThrow().authorization(endpoint, clock.instant()));
        SendResult result = destinations
                .http()
                .post(
                        endpoint,
                        headers,
                        body,
                        "application/octet-stream",
                        Duration.ofSeconds(timeoutSeconds),
                        clock,
                        true);
        if (result.statusCode() != null && (result.statusCode() == 404 || result.statusCode() == 410)) {
            return SendResult.gone(result.statusCode(), "the push service no longer knows this subscription");
        }
        return result;
    }

    /** The push of a notification as the browser would show it: title and body; nothing is sent. */
    public Map<String, String> preview(Notification n) {
        return Map.of(
                "title", texts.text(n, "push.title").orElse(n.title()),
                "body", texts.text(n, "push.body").orElse(n.body()));
    }

    /**
     * What the service worker shows, as JSON: title, body, the link to open on click (Herald's signed link, which marks
     * it read and leads to the notification's link or the inbox), the notification's own link, and a tag so a later
     * push of the same notification replaces it. Long texts are cut to keep the encrypted record within its 4 KiB.
     */
    String payload(Notification n) {
        // Herald's signed link marks it read, then leads where the notification leads (or to it in the inbox)
        String url = opens.url(n.id(), n.recipient(), clock.instant());
        Map<String, String> shown = preview(n);
        String title = shown.get("title");
        String body = shown.get("body");
        String json = json(n, title, body, url);
        // the encrypted record holds 3,993 bytes: shorten the body, then the title, at character boundaries
        while (json.getBytes(StandardCharsets.UTF_8).length > WebPushCipher.MAX_PLAINTEXT) {
            if (!body.isEmpty()) {
                body = cut(body, body.length() / 2);
            } else {
                title = cut(title, title.length() / 2);
            }
            json = json(n, title, body, url);
        }
        return json;
    }

    private static String json(Notification n, String title, String body, String url) {
        var json = JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("id", n.id())
                .add("type", n.type())
                .add("category", n.category())
                .add("title", title)
                .add("body", body)
                .add("tag", n.id())
                .add("url", url);
        if (n.link() != null) {
            // for a worker that may not open Herald's origin: the product's own page, without marking it read
            json.add("link", n.link());
        }
        return json.build().toString();
    }

    /** The first {@code length} characters (never half a surrogate pair), with an ellipsis when something was cut. */
    static String cut(String text, int length) {
        if (length <= 0) {
            return "";
        }
        int end = Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
        return text.substring(0, end) + "…";
    }

    static Duration ttl(String priority) {
        return switch (priority) {
            case "critical", "high" -> Duration.ofDays(1);
            case "low" -> Duration.ofHours(1);
            default -> Duration.ofHours(12);
        };
    }

    static String urgency(String priority) {
        return switch (priority) {
            case "critical", "high" -> "high";
            case "low" -> "low";
            default -> "normal";
        };
    }
}
