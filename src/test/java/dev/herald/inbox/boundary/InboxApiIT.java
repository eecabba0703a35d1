package dev.herald.inbox.boundary;

import static dev.herald.testing.Herald.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Paging newest-first with an opaque cursor, the unread filter and count, and marking read. */
class InboxApiIT {
    static Herald herald;
    static String user;
    static String token;

    @BeforeAll
    static void fillAnInbox() throws Exception {
        herald = Herald.shared();
        user = Events.newUser("reader");
        token = herald.token(user, "user");
        for (int i = 1; i <= 25; i++) {
            herald.produce(user, Events.postLiked(Events.newId(), user, "Ana", "post " + i));
        }
        herald.awaitInbox(user, 25);
    }

    @Test
    void pagesNewestFirstWithoutGapsOrOverlap() throws Exception {
        List<Long> seqs = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            JsonObject page = json(
                    herald.get("/api/notifications?limit=10" + (cursor == null ? "" : "&cursor=" + cursor), token));
            pageSizes.add(page.getJsonArray("items").size());
            page.getJsonArray("items")
                    .forEach(v -> seqs.add(v.asJsonObject().getJsonNumber("seq").longValue()));
            cursor = page.isNull("nextCursor") ? null : page.getString("nextCursor");
        } while (cursor != null);

        assertThat(pageSizes).containsExactly(10, 10, 5);
        assertThat(seqs).hasSize(25).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(seqs.get(0)).isEqualTo(25);
        assertThat(seqs.get(24)).isEqualTo(1);
    }

    @Test
    void markingReadChangesTheItemTheCountAndTheUnreadFilter() throws Exception {
        String reader = Events.newUser("marker");
        String readerToken = herald.token(reader, "user");
        for (int i = 0; i < 3; i++) {
            herald.produce(reader, Events.notice(Events.newId(), reader, "F" + i));
        }
        var items = herald.awaitInbox(reader, 3);
        String id = items.getJsonObject(1).getString("id");

        HttpResponse<String> read = herald.post("/api/notifications/" + id + "/read", readerToken, null, "");
        assertThat(read.statusCode()).isEqualTo(200);
        JsonObject marked = json(read);
        assertThat(marked.getBoolean("read")).isTrue();
        assertThat(marked.getString("readAt")).isNotBlank();
        assertThat(marked.getString("seenAt")).isEqualTo(marked.getString("readAt"));

        JsonObject again = json(herald.post("/api/notifications/" + id + "/read", readerToken, null, ""));
        assertThat(again.getString("readAt")).isEqualTo(marked.getString("readAt"));

        assertThat(json(herald.get("/api/notifications/unread-count", readerToken))
                        .getInt("count"))
                .isEqualTo(2);
        var unread =
                json(herald.get("/api/notifications?unread=true", readerToken)).getJsonArray("items");
        assertThat(unread.stream().map(v -> v.asJsonObject().getString("id")))
                .hasSize(2)
                .doesNotContain(id);
        assertThat(json(herald.get("/api/notifications/" + id, readerToken)).getBoolean("read"))
                .isTrue();
    }

    @Test
    void filtersByCategory() throws Exception {
        assertThat(json(herald.get("/api/notifications?category=social&limit=100", token))
                        .getJsonArray("items"))
                .hasSize(25);
        assertThat(json(herald.get("/api/notifications?category=jobs", token)).getJsonArray("items"))
                .isEmpty();
    }

    @Test
    void badParametersAreProblems() throws Exception {
        for (String query : List.of("limit=0", "limit=101", "limit=abc", "cursor=garbage!", "unread=maybe")) {
            HttpResponse<String> response = herald.get("/api/notifications?" + query, token);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(response).get("detail")).isNotEqualTo(JsonValue.NULL);
        }
    }
}
