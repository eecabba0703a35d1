package dev.herald.sms.control;

import dev.herald.channel.control.ChannelProvider;
import dev.herald.channel.control.ChannelTexts;
import dev.herald.channel.control.Contacts;
import dev.herald.channel.control.HttpOutcomes;
import dev.herald.channel.entity.Contact;
import dev.herald.channel.entity.Outgoing;
import dev.herald.channel.entity.SendResult;
import dev.herald.inbox.entity.Notification;
import dev.herald.preference.entity.Channel;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * SMS through a provider speaking Twilio's Messages API ({@code POST <base>/2010-04-01/Accounts/<account>/Messages.json}
 * with {@code To}, {@code From}, {@code Body}, basic auth): enabled when {@code herald.sms.base-url} is set. The text
 * (title and body) is cut to {@code herald.sms.max-segments}; the delivery id goes as Twilio's idempotency token. The
 * provider taking the message counts as sent (it confirms delivery later, if at all).
 */
@ApplicationScoped
public class SmsProvider implements ChannelProvider {
    @Inject
    ChannelTexts texts;

    @Inject
    Contacts contacts;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "herald.sms.base-url", defaultValue = " ")
    String baseUrl;

    @Inject
    @ConfigProperty(name = "herald.sms.account", defaultValue = " ")
    String account;

    @Inject
    @ConfigProperty(name = "herald.sms.token", defaultValue = " ")
    String token;

    @Inject
    @ConfigProperty(name = "herald.sms.from", defaultValue = " ")
    String from;

    @Inject
    @ConfigProperty(name = "herald.sms.max-segments", defaultValue = "1")
    int maxSegments;

    @Inject
    @ConfigProperty(name = "herald.sms.timeout-seconds", defaultValue = "10")
    long timeoutSeconds;

    private HttpClient http;

    @PostConstruct
    void open() {
        http = HttpOutcomes.client(timeoutSeconds);
        if (enabled() && (account.isBlank() || token.isBlank() || !SmsText.isE164(from.strip()))) {
            throw new IllegalArgumentException("SMS needs HERALD_SMS_ACCOUNT, HERALD_SMS_TOKEN and an E.164"
                    + " HERALD_SMS_FROM besides HERALD_SMS_BASE_URL");
        }
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public boolean enabled() {
        return !baseUrl.isBlank();
    }

    @Override
    public Map<String, List<String>> targets(Collection<String> users) {
        return contacts.reachable(users, "phone");
    }

    @Override
    public String breakerKey(Outgoing message) {
        return "sms " + URI.create(baseUrl.strip()).getHost();
    }

    @Override
    public SendResult send(Outgoing message) {
        Optional<String> phone = contacts.of(message.recipient()).map(Contact::phone);
        if (phone.isEmpty() || !SmsText.isE164(phone.get())) {
            return SendResult.noTarget("no address: the user has no E.164 phone number");
        }
        String form = "To=" + encode(phone.get()) + "&From=" + encode(from.strip()) + "&Body="
                + encode(preview(message.notification()).get("sms"));
        String credentials = Base64.getEncoder()
                .encodeToString((account.strip() + ":" + token.strip()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl.strip().replaceAll("/+$", "")
                        + "/2010-04-01/Accounts/" + encode(account.strip()) + "/Messages.json"))
                .timeout(Duration.ofSeconds(timeoutSeconds))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + credentials)
                .header("I-Twilio-Idempotency-Token", message.deliveryId())
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8))
                .build();
        return HttpOutcomes.exchange(http, request, clock, false);
    }

    /** The text of a notification's SMS as it would go, within the segments allowed; nothing is sent. */
    public Map<String, String> preview(Notification n) {
        return Map.of("sms", SmsText.fit(texts.text(n, "sms").orElse(text(n)), maxSegments));
    }

    /** Without the type's own SMS words: the title, then the body. */
    static String text(Notification n) {
        return n.body().isBlank() ? n.title() : n.title() + ": " + n.body();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
