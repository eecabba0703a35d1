package dev.herald.event.boundary;

import static dev.herald.testing.Herald.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Events reach the recipient's inbox from Kafka and from POST /api/events, once each. */
class EventIngestionIT {
    static Herald herald;

    @BeforeAll
    static void start() throws Exception {
        herald = Herald.shared();
    }

    @Test
    void anEventProducedToKafkaAppearsInTheRecipientsInbox() throws Exception {
        String bob = Events.newUser("bob");
        herald.produce(bob, Events.postLiked(Events.newId(), bob, "Ana", "Hello Kafka"));

        JsonArray items = awaitInbox(bob, 1);
        JsonObject notification = items.getJsonObject(0);
        assertThat(notification.getString("type")).isEqualTo("post.liked");
        assertThat(notification.getString("category")).isEqualTo("social");
        assertThat(notification.getString("title")).isEqualTo("Ana liked your post");
        assertThat(notification.getString("body")).isEqualTo("“Hello Kafka”");
        assertThat(notification.getJsonNumber("seq").longValue()).isEqualTo(1);
        assertThat(notification.getBoolean("read")).isFalse();
        assertThat(notification.getJsonArray("actors").getJsonObject(0).getString("name"))
                .isEqualTo("Ana");
        assertThat(json(herald.get("/api/notifications/unread-count", herald.token(bob, "user")))
                        .getInt("count"))
                .isEqualTo(1);
    }

    @Test
    void postedEventIsAcceptedAfterTheBrokerAckedAndAppears() throws Exception {
        String carol = Events.newUser("carol");
        String id = Events.newId();
        HttpResponse<String> response = herald.post(
                "/api/events",
                herald.token("producer-app", "publisher"),
                "application/cloudevents+json",
                Events.notice(id, carol, "Dan"));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).getString("id")).isEqualTo(id);
        JsonArray items = awaitInbox(carol, 1);
        assertThat(items.getJsonObject(0).getString("title")).isEqualTo("Dan");
    }

    @Test
    void theSameEventDeliveredTwiceYieldsOneNotification() throws Exception {
        String dave = Events.newUser("dave");
        String viaKafka = Events.postLiked(Events.newId(), dave, "Eve", "Twice");
        herald.produce(dave, viaKafka);
        herald.produce(dave, viaKafka);
        String viaRest = Events.notice(Events.newId(), dave, "Fay");
        String publisher = herald.token("producer-app", "publisher");
        assertThat(herald.post("/api/events", publisher, "application/cloudevents+json", viaRest)
                        .statusCode())
                .isEqualTo(202);
        assertThat(herald.post("/api/events", publisher, "application/json", viaRest)
                        .statusCode())
                .isEqualTo(202);
        // a marker after the duplicates, on the same partition (same key): once it is in, the duplicates are done
        herald.produce(dave, Events.notice(Events.newId(), dave, "Marker"));

        JsonArray items = awaitInbox(dave, 3);
        assertThat(items).hasSize(3);
        assertThat(items.getJsonObject(0).getString("title")).isEqualTo("Marker");
        assertThat(items.stream().map(v -> v.asJsonObject().getJsonNumber("seq").longValue()))
                .containsExactlyInAnyOrder(1L, 2L, 3L);
    }

    @Test
    void aDeletedNotificationStaysDeletedWhenItsEventComesAgain() throws Exception {
        String ida = Events.newUser("ida");
        String event = Events.postLiked(Events.newId(), ida, "Eve", "Deleted for good");
        herald.produce(ida, event);
        String id = awaitInbox(ida, 1).getJsonObject(0).getString("id");
        assertThat(herald.delete("/api/notifications/" + id, herald.token(ida, "user"))
                        .statusCode())
                .isEqualTo(204);

        herald.produce(ida, event); // Kafka redelivers it
        assertThat(herald.post("/api/events", herald.token("app", "publisher"), "application/json", event)
                        .statusCode())
                .isEqualTo(202); // the producer retries it
        herald.produce(ida, Events.notice(Events.newId(), ida, "Marker")); // same partition, after both

        JsonArray items = awaitInbox(ida, 1);
        assertThat(items).hasSize(1);
        assertThat(items.getJsonObject(0).getString("title")).isEqualTo("Marker");
        assertThat(herald.storedCount(ida)).isEqualTo(1);
    }

    @Test
    void anEventFromKafkaOverTheSizeLimitIsParkedWithItsReason() throws Exception {
        String jo = Events.newUser("jo");
        String marker = "big-" + Events.newId();
        String big = Events.postLiked(marker, jo, "Ana", "x".repeat(300 * 1024));
        herald.produce(jo, big);
        await().atMost(Duration.ofSeconds(30)).until(() -> herald.parkedCount(marker) == 1);
        assertThat(herald.parkedReasons(marker)).containsExactly("the event is larger than 262144 bytes");
        assertThat(herald.storedCount(jo)).isZero();
    }

    @Test
    void oneEventForManyRecipientsReachesEachAndHidesTheList() throws Exception {
        String first = Events.newUser("gil");
        String second = Events.newUser("hal");
        String event =
                """
                {"specversion":"1.0","id":"%s","source":"/tests","type":"achievement.unlocked",
                 "data":{"achievement":{"name":"Early bird","description":"First in"},"recipients":["%s","%s"]}}"""
                        .formatted(Events.newId(), first, second);
        herald.produce(first, event);

        for (String user : new String[] {first, second}) {
            JsonObject notification = awaitInbox(user, 1).getJsonObject(0);
            assertThat(notification.getString("title")).isEqualTo("Achievement unlocked: Early bird");
            assertThat(notification.getJsonObject("data").containsKey("recipients"))
                    .isFalse();
        }
    }

    @Test
    void invalidPostedEventsGetProblemDetails() throws Exception {
        String publisher = herald.token("producer-app", "publisher");
        HttpResponse<String> unknown = herald.post(
                "/api/events",
                publisher,
                "application/cloudevents+json",
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/t\",\"type\":\"no.such\",\"subject\":\"u\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(unknown).getString("detail")).contains("unknown event type \"no.such\"");

        HttpResponse<String> malformed = herald.post("/api/events", publisher, "application/cloudevents+json", "{oops");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json(malformed).getString("detail")).startsWith("malformed JSON");

        HttpResponse<String> missingData = herald.post(
                "/api/events",
                publisher,
                "application/cloudevents+json",
                "{\"specversion\":\"1.0\",\"id\":\"x\",\"source\":\"/t\",\"type\":\"post.liked\",\"subject\":\"u\",\"data\":{}}");
        assertThat(missingData.statusCode()).isEqualTo(400);
        assertThat(json(missingData).getJsonArray("errors").stream()
                        .map(e -> e.asJsonObject().getString("pointer")))
                .containsExactly("/data/actor", "/data/post");

        HttpResponse<String> wrongMedia = herald.post("/api/events", publisher, "text/plain", "hello");
        assertThat(wrongMedia.statusCode()).isEqualTo(415);
        assertThat(wrongMedia.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aDuplicatedKeyIsRefusedOverRestAndParkedFromKafkaNeverTakingOneOfThem() throws Exception {
        String kim = Events.newUser("kim");
        String first = "dup-a-" + Events.newId();
        String second = "dup-b-" + Events.newId();
        // the same event twice over, once with "id" given twice, once with a key of data given twice
        String twoIds = Events.postLiked(first, kim, "Ana", "p1").replaceFirst("\\{", "{\"id\":\"" + second + "\",");
        String twoActors =
                Events.postLiked(second, kim, "Ana", "p2").replace("\"data\":{", "\"data\":{\"post\":\"x\",");
        String publisher = herald.token("producer-app", "publisher");
        for (String duplicated : List.of(twoIds, twoActors)) {
            HttpResponse<String> refused =
                    herald.post("/api/events", publisher, "application/cloudevents+json", duplicated);
            assertThat(refused.statusCode()).as(duplicated).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(refused).getString("detail")).startsWith("malformed JSON");
            herald.produce(kim, duplicated);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> herald.parkedReasons(second).size() == 2);
        assertThat(herald.parkedReasons(second))
                .allSatisfy(reason -> assertThat(reason).startsWith("malformed JSON"));
        assertThat(herald.storedCount(kim)).isZero();
    }

    @Test
    void theCatalogIsListed() throws Exception {
        HttpResponse<String> response = herald.get("/api/event-types", herald.token("someone", "user"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonArray types = jakarta.json.Json.createReader(new java.io.StringReader(response.body()))
                .readArray();
        assertThat(types.stream().map(t -> t.asJsonObject().getString("type")))
                .contains("post.liked", "listing.created", "user.registered");
    }

    static JsonArray awaitInbox(String user, int expected) {
        return herald.awaitInbox(user, expected);
    }
}
