package dev.herald.workflow.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.testing.ChannelPeers;
import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import dev.herald.testing.WebPushDecryptor;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Workflow steps on the real stack (Kafka, PostgreSQL, Liberty, an SMTP server in the test JVM), with Herald's dev
 * clock instead of sleeping: the built-in {@code comment.replied} emails after 15 minutes unless the reply was read in
 * the app, and {@code streak.reminder} emails at the next 09:00 in the recipient's time zone unless seen.
 */
class WorkflowIT {
    private static Herald herald;
    private static ChannelPeers peers;
    private static String admin;

    /** This suite moves the shared server's clock hours ahead: set it back for the suites after it. */
    @AfterAll
    static void resetClock() throws Exception {
        herald.resetClock();
    }

    @BeforeAll
    static void start() throws Exception {
        herald = Herald.shared();
        peers = ChannelPeers.shared();
        admin = herald.token("ops-" + Events.newUser("workflow"), "admin");
    }

    private record User(String id, String token, String email) {}

    private static User withEmail(String name) throws Exception {
        String user = Events.newUser(name);
        String token = herald.token(user, "user");
        String email = user + "@example.test";
        HttpResponse<String> put = herald.put("/api/me/contacts", token, "{\"email\":\"" + email + "\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        return new User(user, token, email);
    }

    private static JsonObject email(User u, String notificationId) throws Exception {
        return delivery(u, notificationId, "email");
    }

    private static JsonObject delivery(User u, String notificationId, String channel) throws Exception {
        HttpResponse<String> response = herald.get("/api/notifications/" + notificationId + "/deliveries", u.token());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Herald.json(response).getJsonArray("items").stream()
                .map(JsonObject.class::cast)
                .filter(d -> d.getString("channel").equals(channel))
                .findFirst()
                .orElseThrow();
    }

    private static JsonObject awaitEmailStatus(User u, String notificationId, String status) {
        return awaitStatus(u, notificationId, "email", status);
    }

    private static JsonObject awaitStatus(User u, String notificationId, String channel, String status) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> delivery(u, notificationId, channel), d -> d.getString("status")
                        .equals(status));
    }

    /** Subscribes a browser of the user to push, at the test's push service; answers its keys. */
    private static WebPushDecryptor.Subscription subscribePush(User u) throws Exception {
        WebPushDecryptor.Subscription subscription = WebPushDecryptor.subscription();
        HttpResponse<String> subscribed = herald.post(
                "/api/push/subscriptions",
                u.token(),
                "application/json",
                "{\"endpoint\":\"" + peers.base() + pushPath(u) + "\",\"expirationTime\":null,\"keys\":{\"p256dh\":\""
                        + subscription.p256dh() + "\",\"auth\":\"" + subscription.authSecret() + "\"}}");
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(201);
        return subscription;
    }

    private static String pushPath(User u) {
        return "/push/" + u.id();
    }

    /** What the push service received for the user, decrypted. */
    private static List<JsonObject> pushes(User u, WebPushDecryptor.Subscription keys) {
        return peers.received(pushPath(u)).stream()
                .map(r -> {
                    try {
                        return Events.parse(new String(keys.decrypt(r.body()), StandardCharsets.UTF_8));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static List<MimeMessage> emailsTo(User u) {
        return Arrays.stream(peers.smtp().getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().equals(u.email());
                    } catch (Exception e) {
                        return false;
                    }
                })
                .toList();
    }

    /** Nothing reaches the user's mailbox for a second and a half. */
    private static void noEmailTo(User u) {
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> emailsTo(u)
                .isEmpty());
    }

    /** Moves Herald's clock to just past {@code due}. */
    private static void moveClockPast(Instant due) throws Exception {
        Duration ahead =
                Duration.between(herald.advanceClock(Duration.ZERO), due).plusSeconds(1);
        herald.advanceClock(ahead.isNegative() ? Duration.ZERO : ahead);
    }

    /** {@code actor} replied to the user's comment: answers the notification's id once it is in the inbox. */
    private static String replied(User u, String actor) throws Exception {
        herald.produce(u.id(), Events.reply(Events.newId(), u.id(), actor, "Thanks, " + u.id()));
        return herald.awaitInbox(u.id(), 1).getJsonObject(0).getString("id");
    }

    private static HttpResponse<String> mute(User u, boolean muted) throws Exception {
        return herald.send(
                "PATCH", "/api/preferences", u.token(), "application/merge-patch+json", "{\"muted\":" + muted + "}");
    }

    private static String story(User u, String notificationId) throws Exception {
        JsonArray items = Herald.json(herald.get("/api/admin/story?user=" + u.id(), admin))
                .getJsonArray("items");
        return items.stream()
                .map(JsonObject.class::cast)
                .filter(i -> i.getJsonObject("notification").getString("id").equals(notificationId))
                .findFirst()
                .orElseThrow()
                .getString("explanation");
    }

    @Test
    void anUnreadReplyIsEmailedFifteenMinutesLaterOnce() throws Exception {
        User u = withEmail("unread");
        Instant sent = herald.advanceClock(Duration.ZERO);
        herald.produce(u.id(), Events.reply(Events.newId(), u.id(), "Ana", "Agreed!"));
        String id = herald.awaitInbox(u.id(), 1).getJsonObject(0).getString("id");

        JsonObject delayed = awaitEmailStatus(u, id, "delayed");
        Instant due = Instant.parse(delayed.getString("dueAt"));
        assertThat(Duration.between(sent, due)).isBetween(Duration.ofMinutes(15), Duration.ofMinutes(16));
        herald.advanceClock(Duration.ofMinutes(14));
        noEmailTo(u);
        assertThat(email(u, id).getString("status")).isEqualTo("delayed");

        moveClockPast(due);
        awaitEmailStatus(u, id, "delivered");
        await().atMost(Duration.ofSeconds(30)).until(() -> emailsTo(u).size() == 1);
        assertThat(emailsTo(u).get(0).getSubject()).isEqualTo("Ana replied to your comment");
        herald.advanceClock(Duration.ofMinutes(5));
        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> emailsTo(u).size() == 1);
        assertThat(story(u, id)).contains("email after its workflow's delay: delivered");
    }

    @Test
    void aReplyReadInTheAppIsNeverEmailed() throws Exception {
        User u = withEmail("reader");
        String id = replied(u, "Ben");
        Instant due = Instant.parse(awaitEmailStatus(u, id, "delayed").getString("dueAt"));

        herald.advanceClock(Duration.ofMinutes(3));
        HttpResponse<String> read = herald.post("/api/notifications/" + id + "/read", u.token(), null, "");
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        moveClockPast(due);

        JsonObject cancelled = awaitEmailStatus(u, id, "cancelled");
        assertThat(cancelled.getString("reason")).startsWith("read at ").endsWith("before it went");
        noEmailTo(u);
        assertThat(story(u, id)).contains("email cancelled by its workflow (read at ");

        // analytics count what the steps did on the email channel
        Instant now = herald.advanceClock(Duration.ZERO);
        JsonObject email = Herald.json(herald.get(
                        "/api/admin/analytics?type=comment.replied&bucket=hour&from=" + now.minus(Duration.ofHours(2))
                                + "&to=" + now.plus(Duration.ofMinutes(1)),
                        admin))
                .getJsonObject("channels")
                .getJsonObject("email");
        assertThat(sum(email.getJsonArray("delayed"))).isPositive();
        assertThat(sum(email.getJsonArray("cancelled"))).isPositive();
    }

    private static long sum(JsonArray values) {
        return values.getValuesAs(jakarta.json.JsonNumber.class).stream()
                .mapToLong(jakarta.json.JsonNumber::longValue)
                .sum();
    }

    @Test
    void preferencesAreDecidedWhenTheDelayEndsMutedHoldsAndUnmutingSends() throws Exception {
        User u = withEmail("muted");
        String id = replied(u, "Carla");
        Instant due = Instant.parse(awaitEmailStatus(u, id, "delayed").getString("dueAt"));
        assertThat(mute(u, true).statusCode()).isEqualTo(200);

        moveClockPast(due);
        JsonObject held = awaitEmailStatus(u, id, "held");
        assertThat(held.getString("reason")).contains("muted");
        noEmailTo(u);

        assertThat(mute(u, false).statusCode()).isEqualTo(200);
        herald.advanceClock(Duration.ofSeconds(2));
        awaitEmailStatus(u, id, "delivered");
        await().atMost(Duration.ofSeconds(30)).until(() -> emailsTo(u).size() == 1);
    }

    @Test
    void aCriticalReplySkipsTheDelay() throws Exception {
        User u = withEmail("critical");
        herald.produce(u.id(), Events.withPriority(Events.reply(Events.newId(), u.id(), "Dan", "Now!"), "critical"));
        String id = herald.awaitInbox(u.id(), 1).getJsonObject(0).getString("id");
        awaitEmailStatus(u, id, "delivered");
        await().atMost(Duration.ofSeconds(30)).until(() -> emailsTo(u).size() == 1);
    }

    @Test
    void aStreakReminderIsEmailedAtTheNextNineInTheUsersZone() throws Exception {
        User u = withEmail("streak");
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        HttpResponse<String> zone = herald.put("/api/me/settings", u.token(), "{\"timeZone\":\"Europe/Berlin\"}");
        assertThat(zone.statusCode()).as(zone.body()).isEqualTo(200);
        Instant sent = herald.advanceClock(Duration.ZERO);
        herald.produce(u.id(), Events.streakReminder(Events.newId(), u.id(), 12));
        String id = herald.awaitInbox(u.id(), 1).getJsonObject(0).getString("id");

        Instant due = Instant.parse(awaitEmailStatus(u, id, "delayed").getString("dueAt"));
        LocalTime local = due.atZone(berlin).toLocalTime();
        assertThat(local).isBetween(LocalTime.of(9, 0), LocalTime.of(9, 15));
        assertThat(due).isAfter(sent).isBefore(sent.plus(Duration.ofHours(24).plusMinutes(15)));
        noEmailTo(u);

        moveClockPast(due);
        awaitEmailStatus(u, id, "delivered");
        await().atMost(Duration.ofSeconds(30)).until(() -> emailsTo(u).size() == 1);
        assertThat(emailsTo(u).get(0).getSubject()).isEqualTo("Keep your streak of 12 days going");
    }

    @Test
    void twentyLikesMakeOnePushAndOneEmailWithTheAggregatesFinalText() throws Exception {
        User u = withEmail("liked");
        WebPushDecryptor.Subscription keys = subscribePush(u);
        String comment = "c-" + Events.newId();
        Instant first = herald.advanceClock(Duration.ZERO);
        for (int i = 1; i <= 20; i++) {
            herald.produce(u.id(), Events.commentLiked(Events.newId(), u.id(), String.format("Fan%02d", i), comment));
        }
        JsonObject aggregate = await().atMost(Duration.ofSeconds(30))
                .until(() -> herald.awaitInbox(u.id(), 1).getJsonObject(0), n -> n.getString("title")
                        .contains("18 others"));
        String id = aggregate.getString("id");
        String title = aggregate.getString("title");
        assertThat(herald.awaitInbox(u.id(), 1)).hasSize(1);

        // the push waits until no like came for a minute, the email until the 5 minutes are over
        Instant pushDue = Instant.parse(awaitStatus(u, id, "push", "delayed").getString("dueAt"));
        Instant emailDue = Instant.parse(awaitEmailStatus(u, id, "delayed").getString("dueAt"));
        assertThat(Duration.between(first, pushDue)).isBetween(Duration.ofMinutes(1), Duration.ofMinutes(2));
        assertThat(Duration.between(first, emailDue)).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(6));
        assertThat(peers.received(pushPath(u))).isEmpty();

        moveClockPast(pushDue);
        awaitStatus(u, id, "push", "delivered");
        await().atMost(Duration.ofSeconds(30)).until(() -> pushes(u, keys).size() == 1);
        assertThat(pushes(u, keys).get(0).getString("title")).isEqualTo(title);
        assertThat(email(u, id).getString("status")).isEqualTo("delayed");

        moveClockPast(emailDue);
        awaitEmailStatus(u, id, "delivered");
        await().atMost(Duration.ofSeconds(30)).until(() -> emailsTo(u).size() == 1);
        assertThat(emailsTo(u).get(0).getSubject()).isEqualTo(title);
        herald.advanceClock(Duration.ofMinutes(1));
        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> emailsTo(u).size() == 1 && pushes(u, keys).size() == 1);
        assertThat(story(u, id))
                .contains("19 more events aggregated into it (the batched channels send it once, with its final text)")
                .contains("email batched (20 events in one message): delivered");
    }

    @Test
    void anUnseenMessageFallsBackFromPushToEmailAfterTenMinutes() throws Exception {
        User u = withEmail("fallback");
        WebPushDecryptor.Subscription keys = subscribePush(u);
        herald.produce(u.id(), Events.message(Events.newId(), u.id(), "Ana"));
        String id = herald.awaitInbox(u.id(), 1).getJsonObject(0).getString("id");
        awaitStatus(u, id, "push", "delivered");
        assertThat(pushes(u, keys)).hasSize(1);
        Instant due = Instant.parse(awaitEmailStatus(u, id, "delayed").getString("dueAt"));
        assertThat(delivery(u, id, "sms").getString("status")).isEqualTo("skipped");
        noEmailTo(u);

        moveClockPast(due);
        awaitEmailStatus(u, id, "delivered");
        await().atMost(Duration.ofSeconds(30)).until(() -> emailsTo(u).size() == 1);
        assertThat(emailsTo(u).get(0).getSubject()).isEqualTo("Ana sent you a message");
    }

    @Test
    void aMessageSeenInTheAppCancelsTheFallbackEmail() throws Exception {
        User u = withEmail("seen");
        subscribePush(u);
        herald.produce(u.id(), Events.message(Events.newId(), u.id(), "Ben"));
        String id = herald.awaitInbox(u.id(), 1).getJsonObject(0).getString("id");
        awaitStatus(u, id, "push", "delivered");
        Instant due = Instant.parse(awaitEmailStatus(u, id, "delayed").getString("dueAt"));
        assertThat(herald.post("/api/notifications/" + id + "/seen", u.token(), null, "")
                        .statusCode())
                .isEqualTo(200);

        moveClockPast(due);
        assertThat(awaitEmailStatus(u, id, "cancelled").getString("reason")).startsWith("seen at ");
        noEmailTo(u);
        assertThat(story(u, id)).contains("email cancelled by its workflow (seen at ");
    }

    @Test
    void withoutAPushSubscriptionTheEmailGoesAtOnce() throws Exception {
        User u = withEmail("nopush");
        herald.produce(u.id(), Events.message(Events.newId(), u.id(), "Carla"));
        String id = herald.awaitInbox(u.id(), 1).getJsonObject(0).getString("id");
        awaitEmailStatus(u, id, "delivered");
        await().atMost(Duration.ofSeconds(30)).until(() -> emailsTo(u).size() == 1);
    }

    @Test
    void aPushThatCannotBeDeliveredReleasesTheEmailAtOnce() throws Exception {
        User u = withEmail("gone");
        subscribePush(u);
        peers.script(pushPath(u), 410);
        herald.produce(u.id(), Events.message(Events.newId(), u.id(), "Dan"));
        String id = herald.awaitInbox(u.id(), 1).getJsonObject(0).getString("id");
        awaitStatus(u, id, "push", "dead");
        // no clock moved: the fallback went when the push died, not 10 minutes later
        awaitEmailStatus(u, id, "delivered");
        await().atMost(Duration.ofSeconds(30)).until(() -> emailsTo(u).size() == 1);
    }

    @Test
    void aCriticalMessageFallsBackToSmsAfterThirtyMinutes() throws Exception {
        User u = withEmail("critical-sms");
        subscribePush(u);
        assertThat(herald.put(
                                "/api/me/contacts",
                                u.token(),
                                "{\"email\":\"" + u.email() + "\",\"phone\":\"+4915112345678\"}")
                        .statusCode())
                .isEqualTo(200);
        Instant sent = herald.advanceClock(Duration.ZERO);
        herald.produce(u.id(), Events.withPriority(Events.message(Events.newId(), u.id(), "Eve"), "critical"));
        String id = herald.awaitInbox(u.id(), 1).getJsonObject(0).getString("id");
        awaitStatus(u, id, "push", "delivered");
        Instant emailDue = Instant.parse(awaitEmailStatus(u, id, "delayed").getString("dueAt"));
        Instant smsDue = Instant.parse(awaitStatus(u, id, "sms", "delayed").getString("dueAt"));
        assertThat(Duration.between(sent, emailDue)).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(11));
        assertThat(Duration.between(sent, smsDue)).isBetween(Duration.ofMinutes(30), Duration.ofMinutes(31));

        moveClockPast(smsDue);
        awaitEmailStatus(u, id, "delivered");
        awaitStatus(u, id, "sms", "sent");
    }

    @Test
    void aThrottleLetsThreeRepliesAnHourThroughAndFoldsTheRestIntoADigest() throws Exception {
        User u = withEmail("throttled");
        for (int i = 1; i <= 5; i++) {
            herald.produce(u.id(), Events.reply(Events.newId(), u.id(), "Fan" + i, "Reply " + i));
        }
        JsonArray inbox = herald.awaitInbox(u.id(), 5);
        Instant due = inbox.stream()
                .map(JsonObject.class::cast)
                .map(n -> {
                    try {
                        return Instant.parse(awaitEmailStatus(u, n.getString("id"), "delayed")
                                .getString("dueAt"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .max(Instant::compareTo)
                .orElseThrow();

        moveClockPast(due);
        await().atMost(Duration.ofSeconds(30)).until(() -> emailsTo(u).size() == 3);
        List<String> statuses = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> inbox.stream()
                                .map(JsonObject.class::cast)
                                .map(n -> {
                                    try {
                                        return email(u, n.getString("id")).getString("status");
                                    } catch (Exception e) {
                                        throw new IllegalStateException(e);
                                    }
                                })
                                .sorted()
                                .toList(),
                        list -> list.equals(List.of("delivered", "delivered", "delivered", "digest", "digest")));
        assertThat(statuses).containsExactly("delivered", "delivered", "delivered", "digest", "digest");
        noMoreThan(u, 3);

        // the next period starts within the hour: the two folded replies go as one digest then
        herald.advanceClock(Duration.ofMinutes(61));
        await().atMost(Duration.ofSeconds(30)).until(() -> emailsTo(u).size() == 4);
        assertThat(emailsTo(u).get(3).getSubject()).isEqualTo("2 new notifications");
        noMoreThan(u, 4);
    }

    private static void noMoreThan(User u, int count) {
        await().during(Duration.ofMillis(1500))
                .atMost(Duration.ofSeconds(5))
                .until(() -> emailsTo(u).size() == count);
    }
}
