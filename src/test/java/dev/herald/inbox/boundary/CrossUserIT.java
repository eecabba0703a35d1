package dev.herald.inbox.boundary;

import static dev.herald.testing.Herald.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cross-user matrix: every inbox endpoint that takes an id answers another user's id exactly like an unknown one
 * (404, never 200 or 403), bulk requests list it as not found, and the owner's notification is untouched. Every
 * endpoint refuses a missing token (401) and a token without its role (403).
 */
class CrossUserIT {
    @Test
    void anotherUsersIdIsNotFoundOnEveryEndpoint() throws Exception {
        Herald herald = Herald.shared();
        String owner = Events.newUser("owner");
        String ownerToken = herald.token(owner, "user");
        herald.produce(owner, Events.notice(Events.newId(), owner, "Private"));
        JsonObject before = herald.awaitInbox(owner, 1).getJsonObject(0);
        String id = before.getString("id");
        String intruder = herald.token(Events.newUser("intruder"), "user");
        String snooze = "{\"until\":\"" + Instant.now().plus(1, ChronoUnit.DAYS) + "\"}";

        List<HttpResponse<String>> answers = List.of(
                herald.get("/api/notifications/" + id, intruder),
                herald.post("/api/notifications/" + id + "/read", intruder, null, ""),
                herald.post("/api/notifications/" + id + "/unread", intruder, null, ""),
                herald.post("/api/notifications/" + id + "/seen", intruder, null, ""),
                herald.post("/api/notifications/" + id + "/archive", intruder, null, ""),
                herald.post("/api/notifications/" + id + "/unarchive", intruder, null, ""),
                herald.post("/api/notifications/" + id + "/unsnooze", intruder, null, ""),
                herald.post("/api/notifications/" + id + "/snooze", intruder, "application/json", snooze),
                herald.delete("/api/notifications/" + id, intruder));
        for (HttpResponse<String> answer : answers) {
            assertThat(answer.statusCode())
                    .as(answer.request().method() + " " + answer.uri())
                    .isEqualTo(404);
            assertThat(answer.body()).doesNotContain("Private");
        }
        for (String action : List.of("read", "archive", "delete")) {
            JsonObject bulk = json(herald.post(
                    "/api/notifications/bulk",
                    intruder,
                    "application/json",
                    "{\"action\":\"" + action + "\",\"ids\":[\"" + id + "\"]}"));
            assertThat(bulk.getInt("changed")).isZero();
            assertThat(bulk.getJsonArray("notFound").getString(0)).isEqualTo(id);
        }
        assertThat(json(herald.post("/api/notifications/read-all", intruder, null, ""))
                        .getInt("marked"))
                .isZero();
        assertThat(json(herald.get("/api/notifications", intruder)).getJsonArray("items"))
                .isEmpty();
        assertThat(json(herald.get("/api/notifications/" + id, ownerToken))).isEqualTo(before);
    }

    @Test
    void everyEndpointNeedsATokenWithItsRole() throws Exception {
        Herald herald = Herald.shared();
        String publisher = herald.token("some-app", "publisher");
        String user = herald.token(Events.newUser("plain"), "user");
        record Call(String method, String path, String roleless) {}
        for (Call call : List.of(
                new Call("GET", "/api/notifications", publisher),
                new Call("GET", "/api/notifications/counts", publisher),
                new Call("POST", "/api/notifications/read-all", publisher),
                new Call("POST", "/api/notifications/seen-all", publisher),
                new Call("POST", "/api/notifications/bulk", publisher),
                new Call("GET", "/api/preferences", publisher),
                new Call("PUT", "/api/preferences", publisher),
                new Call("PATCH", "/api/preferences", publisher),
                new Call("POST", "/api/admin/retention/run", user),
                new Call("POST", "/api/dev/clock", user))) {
            HttpResponse<String> anonymous = herald.send(call.method(), call.path(), null, "application/json", "{}");
            assertThat(anonymous.statusCode()).as("no token: " + call).isEqualTo(401);
            HttpResponse<String> wrongRole =
                    herald.send(call.method(), call.path(), call.roleless(), "application/json", "{}");
            assertThat(wrongRole.statusCode()).as("wrong role: " + call).isEqualTo(403);
            assertThat(wrongRole.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }
}
