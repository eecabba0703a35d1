package dev.herald.ops.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.channel.entity.DeliveryTrace;
import dev.herald.channel.entity.DeliveryView.Attempt;
import dev.herald.inbox.entity.NotificationSummary;
import dev.herald.ops.entity.Story;
import dev.herald.ops.entity.StoryEvent;
import dev.herald.ops.entity.StoryItem;
import dev.herald.platform.boundary.ProblemException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoryResourceTest {
    static final Instant AT = Instant.parse("2026-11-29T18:10:00Z");

    @Test
    void exactlyOneOfUserAndEvent() {
        assertThatThrownBy(() -> new StoryQuery(null, null, null).requireOneSubject())
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().errors().get(0).parameter()).isEqualTo("user");
                });
        assertThatThrownBy(() -> new StoryQuery("alice", "evt-1", null).requireOneSubject())
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(400);
                    assertThat(e.problem().errors().get(0).parameter()).isEqualTo("event");
                });
        new StoryQuery("alice", null, null).requireOneSubject();
        new StoryQuery(null, "evt-1", null).requireOneSubject();
    }

    @Test
    void theLimitIsAWholeNumberFrom1To200AndDefaultsTo50() throws Exception {
        String regexp = StoryQuery.class
                .getDeclaredField("limit")
                .getAnnotation(Pattern.class)
                .regexp();

        for (int i = 1; i <= 200; i++) {
            assertThat(Integer.toString(i)).matches(regexp);
        }
        assertThat(List.of("0", "201", "1000", "-1", "01", "1.5", "", "fifty", "99999999999"))
                .allSatisfy(limit -> assertThat(limit).doesNotMatch(regexp));
        assertThat(new StoryQuery("alice", null, null).max()).isEqualTo(50);
        assertThat(new StoryQuery("alice", null, "200").max()).isEqualTo(200);
    }

    @Test
    void aNulWhichPostgresRefusesIsRefusedFirst() {
        assertThat("alice").matches(StoryResource.NO_NUL);
        assertThat("50% \\ _off ü 🙂").matches(StoryResource.NO_NUL);
        assertThat("al\u0000ice").doesNotMatch(StoryResource.NO_NUL);
    }

    @Test
    void theStoryAsTheContractShowsItWithNullsForWhatIsNotKnown() {
        NotificationSummary n = new NotificationSummary(
                "n1",
                "alice",
                "ci",
                "evt-1",
                "job.status.updated",
                "jobs",
                "normal",
                "Job failed",
                AT,
                true,
                null,
                null,
                null,
                null,
                2);
        DeliveryTrace held = new DeliveryTrace(
                "d1",
                "email",
                "alice@example.com",
                "failed",
                "deliver",
                null,
                "503: busy",
                1,
                AT.plusSeconds(60),
                AT,
                AT,
                null,
                null,
                List.of(
                        new Attempt(1, AT, AT.plusSeconds(1), "transient", 503, "busy"),
                        new Attempt(2, AT, null, null, null, null)));
        Story story = new Story(
                "alice",
                null,
                List.of(new StoryItem(
                        n,
                        List.of(StoryEvent.created(n), new StoryEvent("ci", "evt-2", AT, StoryEvent.As.AGGREGATED)),
                        List.of(held, DeliveryTrace.missing("sms", "the sms channel is not configured")),
                        "stored; ...")),
                List.of(new Story.Deleted("ci", "evt-0", "alice", AT)),
                List.of(new Story.Parked("p1", AT, "unknown type")));

        JsonObject json = StoryResource.toJson(story);

        assertThat(json.getString("user")).isEqualTo("alice");
        assertThat(json.isNull("event")).isTrue();
        JsonObject item = json.getJsonArray("items").getJsonObject(0);
        JsonObject notification = item.getJsonObject("notification");
        assertThat(notification.getString("createdAt")).isEqualTo("2026-11-29T18:10:00Z");
        assertThat(notification.getBoolean("silent")).isTrue();
        assertThat(notification.get("seenAt")).isEqualTo(JsonValue.NULL);
        assertThat(notification.getInt("eventCount")).isEqualTo(2);
        assertThat(item.getJsonArray("events").getJsonObject(0).getString("as")).isEqualTo("created");
        assertThat(item.getJsonArray("events").getJsonObject(1).getString("as")).isEqualTo("aggregated");
        JsonObject delivery = item.getJsonArray("deliveries").getJsonObject(0);
        assertThat(delivery.getString("dueAt")).isEqualTo("2026-11-29T18:11:00Z");
        JsonObject attempt = delivery.getJsonArray("attemptLog").getJsonObject(0);
        assertThat(attempt.getInt("statusCode")).isEqualTo(503);
        assertThat(attempt.getString("outcome")).isEqualTo("transient");
        assertThat(delivery.getJsonArray("attemptLog").getJsonObject(1).isNull("statusCode"))
                .isTrue();
        JsonObject missing = item.getJsonArray("deliveries").getJsonObject(1);
        assertThat(missing.isNull("id")).isTrue();
        assertThat(missing.getString("status")).isEqualTo("skipped");
        assertThat(item.getString("explanation")).isEqualTo("stored; ...");
        assertThat(json.getJsonArray("deleted").getJsonObject(0).getString("eventId"))
                .isEqualTo("evt-0");
        assertThat(json.getJsonArray("parked").getJsonObject(0).getString("reason"))
                .isEqualTo("unknown type");
    }
}
