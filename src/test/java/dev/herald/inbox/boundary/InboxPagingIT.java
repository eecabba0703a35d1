package dev.herald.inbox.boundary;

import static dev.herald.testing.Herald.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A paging walk while the inbox keeps changing: new notifications arrive and aggregates move to the top between
 * pages, and the walk still sees every notification that was there when it began exactly once.
 */
class InboxPagingIT {
    @Test
    void aWalkSeesEveryItemOnceWhileItemsArriveAndAggregatesMoveUp() throws Exception {
        Herald herald = Herald.shared();
        String user = Events.newUser("walker");
        String token = herald.token(user, "user");
        Instant now = Instant.now();
        List<String> posts = List.of("p1", "p2", "p3", "p4", "p5");
        // 20 notifications: the five aggregates are the oldest, so every one of them moves past the walk's position
        for (String post : posts) {
            herald.produce(user, Events.like(Events.newId(), user, "first-" + post, post, now));
        }
        for (int i = 0; i < 15; i++) {
            herald.produce(user, Events.notice(Events.newId(), user, "Notice " + i));
        }
        List<String> before = new ArrayList<>();
        herald.awaitInbox(user, 20).forEach(v -> before.add(v.asJsonObject().getString("id")));
        long lastSeq = 20;

        List<String> walked = new ArrayList<>();
        String cursor = null;
        int round = 0;
        do {
            JsonObject page =
                    json(herald.get("/api/notifications?limit=4" + (cursor == null ? "" : "&cursor=" + cursor), token));
            page.getJsonArray("items").forEach(v -> walked.add(v.asJsonObject().getString("id")));
            cursor = page.isNull("nextCursor") ? null : page.getString("nextCursor");
            // between pages: two new notifications and one aggregate gathering a like and moving to the top
            herald.produce(user, Events.notice(Events.newId(), user, "Meanwhile " + round + "a"));
            herald.produce(
                    user, Events.like(Events.newId(), user, "actor-" + round, posts.get(round % posts.size()), now));
            herald.produce(user, Events.notice(Events.newId(), user, "Meanwhile " + round + "b"));
            long expected = lastSeq + 3;
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> json(herald.get("/api/notifications?limit=1", token))
                                    .getJsonArray("items")
                                    .getJsonObject(0)
                                    .getJsonNumber("seq")
                                    .longValue()
                            == expected);
            lastSeq = expected;
            round++;
        } while (cursor != null);

        assertThat(round).isEqualTo(5);
        assertThat(walked).hasSize(20).doesNotHaveDuplicates();
        assertThat(new HashSet<>(walked)).isEqualTo(Set.copyOf(before));
        // the walk showed the inbox in its order when it began
        assertThat(walked).containsExactlyElementsOf(before);
        // and a new walk shows every aggregate at the top, above the newer notices
        JsonObject fresh = json(herald.get("/api/notifications?limit=100", token));
        assertThat(fresh.getJsonArray("items")).hasSize(30);
    }
}
