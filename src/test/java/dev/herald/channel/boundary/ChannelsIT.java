package dev.herald.channel.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.testing.ChannelPeers;
import dev.herald.testing.ChannelPeers.Received;
import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import dev.herald.testing.LiveClient;
import dev.herald.testing.TestStack;
import dev.herald.testing.WebPushDecryptor;
import dev.herald.webhook.control.WebhookSignature;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Every channel against real protocol peers in the test JVM (an SMTP server, a webhook receiver that checks the
 * signature, a push service that decrypts with the subscription's keys, a Twilio-compatible SMS API), through the
 * outbox, the relay, Kafka and the channel workers of a real Herald; retries and time move with Herald's dev clock.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChannelsIT {
    private static Herald herald;
    private static ChannelPeers peers;

    @BeforeAll
    static void start() throws Exception {
        herald = Herald.shared();
        peers = ChannelPeers.shared();
    }

    /** A user reachable everywhere: contacts, a webhook endpoint and a push subscription; answers their setup. */
    private record Reachable(
            String user,
            String token,
            String email,
            String phone,
            String hook,
            String secret,
            String push,
            WebPushDecryptor.Subscription subscription) {}

    private static Reachable reachable(String name) throws Exception {
        String user = Events.newUser(name);
        String token = herald.token(user, "user");
        String email = user + "@example.test";
        String phone = "+4915" + (100_000_000L + Math.abs(user.hashCode() % 899_999_999L));
        assertThat(herald.put("/api/me/contacts", token, "{\"email\":\"" + email + "\",\"phone\":\"" + phone + "\"}")
                        .statusCode())
                .isEqualTo(200);
        String hook = "/hooks/" + user;
        HttpResponse<String> registered =
                herald.post("/api/webhooks", token, "application/json", "{\"url\":\"" + peers.base() + hook + "\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String secret = Herald.json(registered).getString("secret");
        String push = "/push/" + user;
        WebPushDecryptor.Subscription subscription = WebPushDecryptor.subscription();
        HttpResponse<String> subscribed = herald.post(
                "/api/push/subscriptions",
                token,
                "application/json",
                "{\"endpoint\":\"" + peers.base() + push + "\",\"expirationTime\":null,\"keys\":{\"p256dh\":\""
                        + subscription.p256dh() + "\",\"auth\":\"" + subscription.authSecret() + "\"}}");
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
        return new Reachable(user, token, email, phone, hook, secret, push, subscription);
    }

    private static List<Received> awaitRequests(String path, int count) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> peers.received(path), r -> r.size() >= count);
    }

    private static JsonArray deliveries(Reachable r, String notificationId) throws Exception {
        HttpResponse<String> response = herald.get("/api/notifications/" + notificationId + "/deliveries", r.token());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Herald.json(response).getJsonArray("items");
    }

    private static Map<String, String> statusByChannel(JsonArray items) {
        return items.stream()
                .map(JsonObject.class::cast)
                .collect(Collectors.toMap(
                        d -> d.getString("channel"), d -> d.getString("status"), (a, b) -> a + "," + b));
    }

    private static JsonObject awaitDelivery(Reachable r, String id, String channel, String status) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> deliveries(r, id).stream()
                                .map(JsonObject.class::cast)
                                .filter(d -> d.getString("channel").equals(channel))
                                .findFirst()
                                .orElse(null),
                        d -> d != null && d.getString("status").equals(status));
    }

    /** Waits for the status while Herald's clock moves 5 s ahead at each look, so every due retry comes. */
    private static JsonObject awaitDeliveryMovingTheClock(Reachable r, String id, String channel, String status) {
        return await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            herald.advanceClock(Duration.ofSeconds(5));
                            return deliveries(r, id).stream()
                                    .map(JsonObject.class::cast)
                                    .filter(d -> d.getString("channel").equals(channel))
                                    .findFirst()
                                    .orElse(null);
                        },
                        d -> d != null && d.getString("status").equals(status));
    }

    /** The record of {@code herald.channel.dlq} about one delivery. */
    private static JsonObject dlqRecord(String deliveryId) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        TestStack.shared().bootstrapServers(),
                        "group.id",
                        "dlq-reader-" + UUID.randomUUID(),
                        "auto.offset.reset",
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("herald.channel.dlq"));
            return await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> {
                                for (var record : consumer.poll(Duration.ofMillis(500))) {
                                    JsonObject json = Events.parse(record.value());
                                    if (json.getString("deliveryId").equals(deliveryId)) {
                                        return json;
                                    }
                                }
                                return null;
                            },
                            found -> found != null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls that nothing more happens: the condition holds throughout a second and a half (failing at once if not). */
    private static void staysTrue(Callable<Boolean> condition) {
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(condition);
    }

    private static MimeMessage awaitEmail(String address, int count) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> Arrays.stream(peers.smtp().getReceivedMessages())
                                .filter(m -> recipient(m).equals(address))
                                .toList(),
                        list -> list.size() >= count)
                .get(count - 1);
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (Exception e) {
            return "";
        }
    }

    private static String notificationId(Reachable r) {
        return herald.awaitInbox(r.user(), 1).getJsonObject(0).getString("id");
    }

    @Test
    void aJobStatusReachesTheUserByEmailPushSmsAndWebhook() throws Exception {
        Reachable r = reachable("everywhere");
        String eventId = Events.newId();
        LiveClient live = herald.connectLive(r.user());
        live.resume(0);
        herald.produce(r.user(), Events.jobStatus(eventId, r.user(), "Backend <engineer>", "interview"));
        String id = notificationId(r);
        JsonObject created = live.awaitFrames("notification.created", 1, Duration.ofSeconds(30))
                .get(0);
        live.close();
        // as planned when it was stored (queued), or as far as it got if the frame came from the catch-up
        JsonObject planned = created.getJsonObject("notification").getJsonObject("channels");
        assertThat(planned).as(created.toString()).containsOnlyKeys("email", "push", "sms", "webhook");
        assertThat(planned.values())
                .allMatch(status -> List.of("\"queued\"", "\"sending\"", "\"sent\"", "\"delivered\"")
                        .contains(status.toString()));

        MimeMessage email = awaitEmail(r.email(), 1);
        assertThat(email.getSubject()).isEqualTo("Application update: Backend <engineer>");
        assertThat(email.getHeader("List-Unsubscribe")[0]).startsWith("<http").contains("/api/unsubscribe/");
        assertThat(email.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        Multipart parts = (Multipart) email.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat((String) parts.getBodyPart(0).getContent()).contains("You’ve been invited to an interview.");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) parts.getBodyPart(1).getContent())
                .contains("Application update: Backend &lt;engineer&gt;")
                .doesNotContain("<engineer>");

        Received hook = awaitRequests(r.hook(), 1).get(0);
        Instant heraldNow = herald.advanceClock(Duration.ZERO);
        assertThat(WebhookSignature.verify(
                        hook.header("webhook-id"),
                        hook.header("webhook-timestamp"),
                        hook.text(),
                        hook.header("webhook-signature"),
                        r.secret(),
                        heraldNow,
                        Duration.ofMinutes(5)))
                .isTrue();
        JsonObject payload = Events.parse(hook.text());
        assertThat(payload.getString("type")).isEqualTo("job.status.updated");
        assertThat(payload.getJsonObject("data").getString("id")).isEqualTo(id);

        Received push = awaitRequests(r.push(), 1).get(0);
        assertThat(push.header("content-encoding")).isEqualTo("aes128gcm");
        assertThat(push.header("urgency")).isEqualTo("high");
        assertThat(WebPushDecryptor.verifyVapid(push.header("authorization"), peers.base()))
                .isTrue();
        JsonObject shown = Events.parse(new String(r.subscription().decrypt(push.body()), StandardCharsets.UTF_8));
        assertThat(shown.getString("title")).isEqualTo("Application update: Backend <engineer>");
        assertThat(shown.getString("tag")).isEqualTo(id);

        String smsPath = "/sms/2010-04-01/Accounts/" + ChannelPeers.SMS_ACCOUNT + "/Messages.json";
        Received sms = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> peers.received(smsPath).stream()
                                .filter(s -> s.text().contains("To=" + r.phone().replace("+", "%2B")))
                                .toList(),
                        found -> !found.isEmpty())
                .get(0);
        assertThat(sms.header("authorization"))
                .isEqualTo("Basic "
                        + Base64.getEncoder()
                                .encodeToString((ChannelPeers.SMS_ACCOUNT + ":" + ChannelPeers.SMS_TOKEN)
                                        .getBytes(StandardCharsets.UTF_8)));
        String body = URLDecoder.decode(sms.text(), StandardCharsets.UTF_8);
        assertThat(body).contains("Body=Application update: Backend <engineer>: You’ve been invited");

        awaitDelivery(r, id, "sms", "sent");
        Map<String, String> statuses = statusByChannel(deliveries(r, id));
        assertThat(statuses)
                .containsEntry("email", "delivered")
                .containsEntry("push", "delivered")
                .containsEntry("sms", "sent")
                .containsEntry("webhook", "delivered");
        assertThat(Herald.json(herald.get("/api/notifications/" + id, r.token()))
                        .getJsonObject("channels"))
                .isEqualTo(Events.parse(
                        "{\"email\":\"delivered\",\"push\":\"delivered\",\"sms\":\"sent\",\"webhook\":\"delivered\"}"));
        assertThat(email.getMessageID()).contains(deliveryId(r, id, "email"));
        assertThat(hook.header("webhook-id")).isEqualTo(deliveryId(r, id, "webhook"));
    }

    private static String deliveryId(Reachable r, String notificationId, String channel) throws Exception {
        return deliveries(r, notificationId).stream()
                .map(JsonObject.class::cast)
                .filter(d -> d.getString("channel").equals(channel))
                .findFirst()
                .orElseThrow()
                .getString("id");
    }

    @Test
    void aWebhookAnswering503TwiceIsAcceptedOnceAfterTwoRetries() throws Exception {
        Reachable r = reachable("flaky");
        peers.script(r.hook(), 503, 503);
        herald.produce(r.user(), Events.jobStatus(Events.newId(), r.user(), "Flaky", "offer"));
        String id = notificationId(r);
        JsonObject delivery = awaitDeliveryMovingTheClock(r, id, "webhook", "delivered");
        List<Received> requests = peers.received(r.hook());

        assertThat(requests).extracting(Received::answered).containsExactly(503, 503, 200);
        assertThat(requests).extracting(q -> q.header("webhook-id")).containsOnly(delivery.getString("id"));
        assertThat(delivery.getInt("attempts")).isEqualTo(3);
        assertThat(delivery.getJsonArray("attemptLog").stream()
                        .map(a -> a.asJsonObject().getString("outcome"))
                        .toList())
                .containsExactly("transient", "transient", "delivered");
        staysTrue(() -> peers.received(r.hook()).size() == 3);
    }

    @Test
    void aPushServiceAnswering410DeletesTheSubscription() throws Exception {
        Reachable r = reachable("gone");
        peers.script(r.push(), 410);
        herald.produce(r.user(), Events.jobStatus(Events.newId(), r.user(), "Gone", "hired"));
        String id = notificationId(r);
        awaitRequests(r.push(), 1);
        JsonObject delivery = awaitDelivery(r, id, "push", "dead");
        assertThat(delivery.getString("reason")).contains("410");
        JsonArray subscriptions =
                Herald.json(herald.get("/api/push/subscriptions", r.token())).getJsonArray("items");
        assertThat(subscriptions).isEmpty();
    }

    @Test
    void exhaustedRetriesBecomeADeadLetterAndAReplayDeliversOnce() throws Exception {
        Reachable r = reachable("exhausted");
        peers.script(r.hook(), 500, 500, 500, 500);
        herald.produce(r.user(), Events.jobStatus(Events.newId(), r.user(), "Exhausted", "rejected"));
        String id = notificationId(r);
        JsonObject dead = awaitDeliveryMovingTheClock(r, id, "webhook", "dead");
        assertThat(peers.received(r.hook())).hasSize(4);
        assertThat(dead.getString("reason")).isEqualTo("gave up after 4 tries: 500: {}");

        String admin = herald.token("operator", "admin");
        JsonArray letters = Herald.json(herald.get("/api/admin/dead-letters?channel=webhook&error=gave%20up", admin))
                .getJsonArray("items");
        assertThat(letters.stream().map(l -> l.asJsonObject().getString("deliveryId")))
                .contains(dead.getString("id"));
        assertThat(herald.get("/api/admin/dead-letters", r.token()).statusCode())
                .isEqualTo(403);
        assertThat(dlqRecord(dead.getString("id")).getString("error")).isEqualTo("gave up after 4 tries: 500: {}");

        HttpResponse<String> replayed = herald.post(
                "/api/admin/dead-letters/replay",
                admin,
                "application/json",
                "{\"ids\":[\"" + dead.getString("id") + "\"]}");
        assertThat(Herald.json(replayed).getInt("replayed")).isEqualTo(1);
        List<Received> requests = awaitRequests(r.hook(), 5);
        awaitDelivery(r, id, "webhook", "delivered");
        assertThat(requests).extracting(Received::answered).containsExactly(500, 500, 500, 500, 200);
        assertThat(requests).extracting(q -> q.header("webhook-id")).containsOnly(dead.getString("id"));
        HttpResponse<String> again = herald.post(
                "/api/admin/dead-letters/replay",
                admin,
                "application/json",
                "{\"ids\":[\"" + dead.getString("id") + "\"]}");
        assertThat(Herald.json(again).getInt("replayed")).isZero();
    }

    @Test
    void quietHoursHoldEmailUntilTheyEndAndCriticalGoesThrough() throws Exception {
        Reachable r = reachable("quiet");
        Instant now = herald.advanceClock(Duration.ZERO);
        DateTimeFormatter hhmm = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
        String start = hhmm.format(now.minusSeconds(60));
        String end = hhmm.format(now.plusSeconds(90)); // 30 to 90 s ahead
        assertThat(herald.put(
                                "/api/preferences",
                                r.token(),
                                "{\"quietHours\":{\"days\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\",\"sat\",\"sun\"],"
                                        + "\"start\":\"" + start + "\",\"end\":\"" + end + "\"}}")
                        .statusCode())
                .isEqualTo(200);
        herald.produce(r.user(), Events.jobStatus(Events.newId(), r.user(), "Quiet", "in_review"));
        String id = notificationId(r);
        JsonObject held = awaitDelivery(r, id, "email", "held");
        assertThat(held.getString("reason")).isEqualTo("quiet hours");
        Instant due = Instant.parse(held.getString("dueAt"));
        assertThat(due).isAfter(now).isBefore(now.plusSeconds(121));
        staysTrue(() -> peers.smtp().getReceivedMessagesForDomain(r.email()).length == 0);

        herald.advanceClock(
                Duration.between(herald.advanceClock(Duration.ZERO), due).plusSeconds(1));
        awaitDelivery(r, id, "email", "delivered");
        assertThat(awaitEmail(r.email(), 1).getSubject()).isEqualTo("Application update: Quiet");
    }

    @Test
    void aDailyDigestListsOnlyWhatTheUserHasNotSeen() throws Exception {
        Reachable r = reachable("digest");
        Instant now = herald.advanceClock(Duration.ZERO);
        String at =
                DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC).format(now.plusSeconds(120));
        assertThat(herald.put(
                                "/api/preferences",
                                r.token(),
                                "{\"digest\":{\"email\":{\"cadence\":\"daily\",\"at\":\"" + at + "\"}}}")
                        .statusCode())
                .isEqualTo(200);
        for (String job : List.of("First", "Second", "Third")) {
            herald.produce(r.user(), Events.jobStatus(Events.newId(), r.user(), job, "offer"));
        }
        JsonArray inbox = herald.awaitInbox(r.user(), 3);
        String seen = inbox.stream()
                .map(JsonObject.class::cast)
                .filter(n -> n.getString("title").endsWith("Second"))
                .findFirst()
                .orElseThrow()
                .getString("id");
        assertThat(herald.post("/api/notifications/" + seen + "/seen", r.token(), null, "")
                        .statusCode())
                .isEqualTo(200);
        awaitDelivery(r, seen, "email", "digest");

        herald.advanceClock(Duration.ofSeconds(121));
        MimeMessage digest = awaitEmail(r.email(), 1);
        assertThat(digest.getSubject()).isEqualTo("2 new notifications");
        String text = (String) ((Multipart) digest.getContent()).getBodyPart(0).getContent();
        assertThat(text)
                .contains("Application update: First", "Application update: Third")
                .doesNotContain("Application update: Second");
        awaitDelivery(r, seen, "email", "skipped");
        staysTrue(() -> Arrays.stream(peers.smtp().getReceivedMessages())
                        .filter(m -> recipient(m).equals(r.email()))
                        .count()
                == 1);
    }

    @Test
    void theOneClickUnsubscribeTurnsTheCategorysEmailOff() throws Exception {
        Reachable r = reachable("unsubscriber");
        herald.produce(r.user(), Events.jobStatus(Events.newId(), r.user(), "Once", "offer"));
        MimeMessage email = awaitEmail(r.email(), 1);
        String link = email.getHeader("List-Unsubscribe")[0].replaceAll("[<>]", "");
        String path = URI.create(link).getPath();
        assertThat(herald.get(path, null).statusCode()).isEqualTo(200);
        assertThat(herald.post(path + "x", null, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click")
                        .statusCode())
                .isEqualTo(404);
        assertThat(herald.post(path, null, "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click")
                        .statusCode())
                .isEqualTo(200);
        JsonObject preferences = Herald.json(herald.get("/api/preferences", r.token()));
        assertThat(preferences.getJsonObject("categories").getJsonObject("jobs").getBoolean("email"))
                .isFalse();

        herald.produce(r.user(), Events.jobStatus(Events.newId(), r.user(), "Twice", "hired"));
        String second = herald.awaitInbox(r.user(), 2).getJsonObject(0).getString("id");
        JsonObject skipped = awaitDelivery(r, second, "email", "skipped");
        assertThat(skipped.getString("reason")).isEqualTo("you turned email off for jobs");
    }

    @Test
    void webhookUrlsThatPointInsideAreRefusedAndOthersDataIsNotFound() throws Exception {
        Reachable r = reachable("guarded");
        for (String url : List.of(
                "http://10.1.2.3/hook",
                "http://169.254.169.254/latest/meta-data",
                "http://[::1]:8080/",
                "http://user:pw@example.com/",
                "ftp://example.com/")) {
            HttpResponse<String> refused =
                    herald.post("/api/webhooks", r.token(), "application/json", "{\"url\":\"" + url + "\"}");
            assertThat(refused.statusCode()).as(url).isEqualTo(400);
            assertThat(refused.body()).contains("\"/url\"");
        }
        HttpResponse<String> badPush = herald.post(
                "/api/push/subscriptions",
                r.token(),
                "application/json",
                "{\"endpoint\":\"http://10.0.0.1/push\",\"keys\":{\"p256dh\":\"AAAA\",\"auth\":\"AAAA\"}}");
        assertThat(badPush.statusCode()).isEqualTo(400);

        Reachable other = reachable("other");
        herald.produce(r.user(), Events.jobStatus(Events.newId(), r.user(), "Mine", "offer"));
        String id = notificationId(r);
        assertThat(herald.get("/api/notifications/" + id + "/deliveries", other.token())
                        .statusCode())
                .isEqualTo(404);
        String hookId = Herald.json(herald.get("/api/webhooks", r.token()))
                .getJsonArray("items")
                .getJsonObject(0)
                .getString("id");
        assertThat(herald.get("/api/webhooks/" + hookId, other.token()).statusCode())
                .isEqualTo(404);
        assertThat(herald.delete("/api/webhooks/" + hookId, other.token()).statusCode())
                .isEqualTo(404);
        assertThat(herald.get("/api/webhooks/" + hookId, r.token()).statusCode())
                .isEqualTo(200);
    }

    @Test
    @Order(1) // first, while Herald's clock is still the real one: a restart sets it back
    void aKillDuringTheSendStillDeliversOnceWithTheSameIdempotencyKey() throws Exception {
        Reachable r = reachable("killed");
        Instant before = herald.advanceClock(Duration.ZERO);
        peers.holdAnswers();
        try {
            herald.produce(r.user(), Events.jobStatus(Events.newId(), r.user(), "Killed", "offer"));
            awaitRequests(r.hook(), 1);
            herald.killServer();
        } finally {
            peers.release();
        }
        herald.startServer();
        String id = notificationId(r);
        // the interrupted attempt is taken again once its lease ran out (on the clock it was taken by)
        Instant now = herald.advanceClock(Duration.ZERO);
        herald.advanceClock(
                Duration.ofSeconds(150).plus(now.isBefore(before) ? Duration.between(now, before) : Duration.ZERO));
        List<Received> requests = awaitRequests(r.hook(), 2);
        JsonObject delivery = awaitDelivery(r, id, "webhook", "delivered");
        assertThat(requests).extracting(q -> q.header("webhook-id")).containsOnly(delivery.getString("id"));
        assertThat(requests.stream().filter(q -> q.answered() == 200)).hasSize(1);
        assertThat(delivery.getJsonArray("attemptLog").getJsonObject(0).containsKey("outcome"))
                .isFalse();
    }

    @Test
    void muteHoldsEmailUntilTheUserUnmutes() throws Exception {
        Reachable r = reachable("muted");
        assertThat(herald.send(
                                "PATCH",
                                "/api/preferences",
                                r.token(),
                                "application/merge-patch+json",
                                "{\"muted\":true}")
                        .statusCode())
                .isEqualTo(200);
        herald.produce(r.user(), Events.jobStatus(Events.newId(), r.user(), "Muted", "offer"));
        String id = notificationId(r);
        JsonObject held = awaitDelivery(r, id, "email", "held");
        assertThat(held.getString("reason")).isEqualTo("muted: held until you unmute");
        assertThat(held.containsKey("dueAt")).isFalse();
        herald.advanceClock(Duration.ofSeconds(5));
        staysTrue(() -> peers.smtp().getReceivedMessagesForDomain(r.email()).length == 0);

        assertThat(herald.send(
                                "PATCH",
                                "/api/preferences",
                                r.token(),
                                "application/merge-patch+json",
                                "{\"muted\":false}")
                        .statusCode())
                .isEqualTo(200);
        awaitDelivery(r, id, "email", "delivered");
        assertThat(awaitEmail(r.email(), 1).getSubject()).isEqualTo("Application update: Muted");
    }

    @Test
    void aRotatedSecretSignsAlongWithTheNewOneAndTheTokensEmailClaimIsAnAddress() throws Exception {
        String user = Events.newUser("claims");
        String email = user + "@claims.test";
        String token = herald.tokenWithClaims(user, Map.of("email", email));
        JsonObject contacts = Herald.json(herald.get("/api/me/contacts", token));
        assertThat(contacts.getString("email")).isEqualTo(email);
        assertThat(contacts.getString("source")).isEqualTo("token");
        String hook = "/hooks/" + user;
        JsonObject endpoint = Herald.json(
                herald.post("/api/webhooks", token, "application/json", "{\"url\":\"" + peers.base() + hook + "\"}"));
        String oldSecret = endpoint.getString("secret");
        JsonObject rotated = Herald.json(
                herald.post("/api/webhooks/" + endpoint.getString("id") + "/rotate-secret", token, null, ""));
        String newSecret = rotated.getString("secret");
        assertThat(newSecret).isNotEqualTo(oldSecret).startsWith("whsec_");
        assertThat(rotated.getString("previousSecretValidUntil")).isNotBlank();
        // shown once: neither the endpoint nor the list answers the secret again
        String read =
                herald.get("/api/webhooks/" + endpoint.getString("id"), token).body();
        String listed = herald.get("/api/webhooks", token).body();
        assertThat(Herald.json(herald.get("/api/webhooks/" + endpoint.getString("id"), token))
                        .getString("id"))
                .isEqualTo(endpoint.getString("id"));
        assertThat(read + listed).doesNotContain("whsec_").doesNotContain("\"secret\"");

        herald.produce(user, Events.jobStatus(Events.newId(), user, "Rotated", "offer"));
        Received request = awaitRequests(hook, 1).get(0);
        assertThat(request.header("webhook-signature").split(" ")).hasSize(2);
        Instant heraldNow = herald.advanceClock(Duration.ZERO);
        for (String secret : List.of(oldSecret, newSecret)) {
            assertThat(WebhookSignature.verify(
                            request.header("webhook-id"),
                            request.header("webhook-timestamp"),
                            request.text(),
                            request.header("webhook-signature"),
                            secret,
                            heraldNow,
                            Duration.ofMinutes(5)))
                    .isTrue();
        }
        assertThat(awaitEmail(email, 1).getSubject()).isEqualTo("Application update: Rotated");
    }
}
