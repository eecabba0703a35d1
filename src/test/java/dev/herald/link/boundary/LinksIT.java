package dev.herald.link.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.testing.ChannelPeers;
import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import dev.herald.testing.WebPushDecryptor;
import jakarta.json.JsonObject;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Links back into the product on the real stack: a type's link rendered from the event's data is in the REST view; the
 * email's button and the push lead through Herald's signed {@code /api/open/{token}}, which marks the notification read
 * and redirects there (a {@code HEAD} marks nothing, a tampered token finds nothing).
 */
class LinksIT {
    private static final Pattern OPEN = Pattern.compile("href=\"([^\"]*/api/open/[^\"]+)\"");
    private static Herald herald;
    private static ChannelPeers peers;
    private static final HttpClient NO_REDIRECTS = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @BeforeAll
    static void start() throws Exception {
        herald = Herald.shared();
        peers = ChannelPeers.shared();
    }

    /**
     * Requests a link Herald wrote, without following the redirect. Herald writes its links with its public URL
     * (HERALD_PUBLIC_URL, not set for the test servers): the path is what the test server answers.
     */
    private static HttpResponse<String> follow(String method, String url) throws Exception {
        URI written = URI.create(url);
        return NO_REDIRECTS.send(
                HttpRequest.newBuilder(herald.uri(written.getRawPath()))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static MimeMessage awaitEmail(String address) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> Arrays.stream(peers.smtp().getReceivedMessages())
                                .filter(m -> {
                                    try {
                                        return m.getAllRecipients()[0]
                                                .toString()
                                                .equals(address);
                                    } catch (Exception e) {
                                        return false;
                                    }
                                })
                                .findFirst()
                                .orElse(null),
                        m -> m != null);
    }

    private static JsonObject notification(String user, String token, String id) throws Exception {
        HttpResponse<String> one = herald.get("/api/notifications/" + id, token);
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        return Herald.json(one);
    }

    @Test
    void theEmailsButtonMarksTheNotificationReadAndLeadsToItsLink() throws Exception {
        String user = Events.newUser("linked");
        String token = herald.token(user, "user");
        String email = user + "@example.test";
        assertThat(herald.put("/api/me/contacts", token, "{\"email\":\"" + email + "\"}")
                        .statusCode())
                .isEqualTo(200);
        String eventId = Events.newId();
        herald.produce(user, Events.jobStatus(eventId, user, "Designer", "offer"));
        JsonObject item = herald.awaitInbox(user, 1).getJsonObject(0);
        String link = Herald.customerAppOrigin() + "/?application=app-" + eventId;
        assertThat(item.getString("link")).isEqualTo(link);

        String html = (String)
                ((Multipart) awaitEmail(email).getContent()).getBodyPart(1).getContent();
        Matcher open = OPEN.matcher(html);
        assertThat(open.find()).as(html).isTrue();
        String url = open.group(1).replace("&amp;", "&");
        assertThat(URI.create(url).getRawPath()).startsWith("/api/open/");

        HttpResponse<String> peek = follow("HEAD", url);
        assertThat(peek.statusCode()).isEqualTo(303);
        assertThat(peek.headers().firstValue("Location")).contains(link);
        assertThat(notification(user, token, item.getString("id")).getBoolean("read"))
                .as("a HEAD marks nothing")
                .isFalse();

        HttpResponse<String> clicked = follow("GET", url);
        assertThat(clicked.statusCode()).isEqualTo(303);
        assertThat(clicked.headers().firstValue("Location")).contains(link);
        assertThat(clicked.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(clicked.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(notification(user, token, item.getString("id")).getBoolean("read"))
                .isTrue();

        String tampered = url.substring(0, url.length() - 2) + (url.endsWith("AA") ? "BB" : "AA");
        assertThat(follow("GET", tampered).statusCode()).isEqualTo(404);
        assertThat(follow("GET", "/api/open/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void aPushOpensThroughHeraldAndCarriesTheProductLink() throws Exception {
        String user = Events.newUser("pushlink");
        String token = herald.token(user, "user");
        WebPushDecryptor.Subscription keys = WebPushDecryptor.subscription();
        String path = "/push/" + user;
        HttpResponse<String> subscribed = herald.post(
                "/api/push/subscriptions",
                token,
                "application/json",
                "{\"endpoint\":\"" + peers.base() + path + "\",\"expirationTime\":null,\"keys\":{\"p256dh\":\""
                        + keys.p256dh() + "\",\"auth\":\"" + keys.authSecret() + "\"}}");
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
        String eventId = Events.newId();
        herald.produce(user, Events.jobStatus(eventId, user, "Writer", "interview"));
        var received = await().atMost(Duration.ofSeconds(30)).until(() -> peers.received(path), r -> !r.isEmpty());
        JsonObject shown = Events.parse(new String(keys.decrypt(received.get(0).body()), StandardCharsets.UTF_8));
        String link = Herald.customerAppOrigin() + "/?application=app-" + eventId;
        assertThat(shown.getString("link")).isEqualTo(link);
        assertThat(URI.create(shown.getString("url")).getRawPath()).startsWith("/api/open/");
        HttpResponse<String> clicked = follow("GET", shown.getString("url"));
        assertThat(clicked.headers().firstValue("Location")).contains(link);
        assertThat(notification(user, token, shown.getString("id")).getBoolean("read"))
                .isTrue();
    }

    @Test
    void aNotificationWithoutALinkOpensInTheInbox() throws Exception {
        String user = Events.newUser("nolink");
        herald.produce(user, Events.notice(Events.newId(), user, "Plain"));
        JsonObject item = herald.awaitInbox(user, 1).getJsonObject(0);
        assertThat(item.containsKey("link")).isFalse();
    }
}
