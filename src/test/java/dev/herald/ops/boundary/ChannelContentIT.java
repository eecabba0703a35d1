package dev.herald.ops.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.testing.ChannelPeers;
import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import jakarta.json.JsonObject;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A type's own words per channel and locale, in the email layout with the brand, on the real stack: the email in the
 * SMTP server carries the type's subject, body and button (leading through Herald's link to the type's link), a
 * locale without words falls back to the notification's own title; the admin preview renders the same from the
 * type's example.
 */
class ChannelContentIT {
    private static final Pattern BUTTON = Pattern.compile("<a href=\"([^\"]*/api/open/[^\"]+)\"[^>]*>([^<]*)</a>");
    private static Herald herald;
    private static ChannelPeers peers;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        herald = Herald.shared();
        peers = ChannelPeers.shared();
        admin = herald.token("ops-" + Events.newUser("content"), "admin");
    }

    private static String userIn(String locale) throws Exception {
        String user = Events.newUser("content-" + locale);
        String token = herald.token(user, "user");
        assertThat(herald.put("/api/me/contacts", token, "{\"email\":\"" + user + "@example.test\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(herald.put("/api/me/settings", token, "{\"locale\":\"" + locale + "\"}")
                        .statusCode())
                .isEqualTo(200);
        return user;
    }

    private static MimeMessage awaitEmail(String user) {
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> Arrays.stream(peers.smtp().getReceivedMessages())
                                .filter(m -> {
                                    try {
                                        return m.getAllRecipients()[0]
                                                .toString()
                                                .equals(user + "@example.test");
                                    } catch (Exception e) {
                                        return false;
                                    }
                                })
                                .findFirst()
                                .orElse(null),
                        m -> m != null);
    }

    private static String part(MimeMessage email, int index) throws Exception {
        return (String) ((Multipart) email.getContent()).getBodyPart(index).getContent();
    }

    @Test
    void theEmailCarriesTheTypesSubjectBodyAndButtonInTheBrandsLayout() throws Exception {
        String user = userIn("en");
        String id = Events.newId();
        // no push subscription: the fallback goes to email at once
        herald.produce(user, Events.message(id, user, "Ana"));
        MimeMessage email = awaitEmail(user);
        assertThat(email.getSubject()).isEqualTo("Ana sent you a message");
        String html = part(email, 1);
        assertThat(html)
                .contains("Acme Jobs")
                .contains("<img src=\"https://cdn.example.com/acme.png\"")
                .contains("background:#0a7d4f")
                .contains("<h1 style=\"font-size:18px\">New message from Ana</h1>")
                .contains("<p>“Are you coming?”</p>")
                .contains("<p>You have not read it in the app yet.</p>");
        Matcher button = BUTTON.matcher(html);
        assertThat(button.find()).as(html).isTrue();
        assertThat(button.group(2)).isEqualTo("Read and reply");
        assertThat(part(email, 0)).contains("Read and reply: ").contains("/api/open/");
        assertThat(email.getHeader("List-Unsubscribe")[0]).contains("/api/unsubscribe/");

        // the button leads, through Herald, to the message in the product
        HttpResponse<String> followed = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build()
                .send(
                        HttpRequest.newBuilder(
                                        herald.uri(URI.create(button.group(1)).getRawPath()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(followed.statusCode()).isEqualTo(303);
        assertThat(followed.headers().firstValue("Location"))
                .contains(Herald.customerAppOrigin() + "/?message=m-" + id);
    }

    @Test
    void aLanguageWithWordsUsesThemAndOneWithoutFallsBackToTheNotificationsTitle() throws Exception {
        String german = userIn("de");
        herald.produce(german, Events.message(Events.newId(), german, "Ben"));
        assertThat(awaitEmail(german).getSubject()).isEqualTo("Ben hat dir geschrieben");
        String polish = userIn("pl");
        herald.produce(polish, Events.message(Events.newId(), polish, "Cy"));
        MimeMessage email = awaitEmail(polish);
        assertThat(email.getSubject()).isEqualTo("Nowa wiadomość od Cy");
        assertThat(part(email, 1)).contains("<html lang=\"pl\">").contains("Acme Jobs");
    }

    private static HttpResponse<String> preview(String type, String body, String token) throws Exception {
        return herald.post("/api/admin/event-types/" + type + "/preview", token, "application/json", body);
    }

    @Test
    void thePreviewRendersEachChannelFromTheTypesExample() throws Exception {
        JsonObject email = Herald.json(preview("message.received", "{\"channel\":\"email\"}", admin));
        assertThat(email.getString("subject")).isEqualTo("Ana sent you a message");
        assertThat(email.getString("html")).contains("Acme Jobs").contains("Read and reply");
        assertThat(email.getString("text")).contains("“Are you coming tonight?”");
        assertThat(email.getString("link")).isEqualTo(Herald.customerAppOrigin() + "/?message=m-1");

        JsonObject german =
                Herald.json(preview("message.received", "{\"channel\":\"email\",\"locale\":\"de\"}", admin));
        assertThat(german.getString("subject")).isEqualTo("Ana hat dir geschrieben");
        JsonObject push = Herald.json(preview("message.received", "{\"channel\":\"push\"}", admin));
        assertThat(push.getString("title")).isEqualTo("Ana");
        assertThat(push.getString("body")).isEqualTo("Are you coming tonight?");
        JsonObject sms = Herald.json(preview("message.received", "{\"channel\":\"sms\"}", admin));
        assertThat(sms.getString("sms")).isEqualTo("Ana sent you a message: Are you coming tonight?");
        JsonObject inbox = Herald.json(preview(
                "message.received",
                "{\"channel\":\"in_app\",\"data\":{\"sender\":{\"id\":\"u-b\",\"name\":\"Bo\"},"
                        + "\"message\":{\"id\":\"m-2\",\"preview\":\"Hi\"}}}",
                admin));
        assertThat(inbox.getString("title")).isEqualTo("New message from Bo");

        assertThat(preview("message.received", "{\"channel\":\"webhook\"}", admin)
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> noExample = preview("post.liked", "{\"channel\":\"push\"}", admin);
        assertThat(noExample.statusCode()).isEqualTo(400);
        assertThat(noExample.body()).contains("no example");
        assertThat(preview("message.received", "{\"channel\":\"email\",\"data\":{\"sender\":{}}}", admin)
                        .statusCode())
                .isEqualTo(400);
        assertThat(preview("no.such.type", "{\"channel\":\"email\"}", admin).statusCode())
                .isEqualTo(404);
        assertThat(preview("message.received", "{\"channel\":\"email\"}", herald.token("someone", "user"))
                        .statusCode())
                .isEqualTo(403);
    }
}
