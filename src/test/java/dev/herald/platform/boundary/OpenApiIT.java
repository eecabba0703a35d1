package dev.herald.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.devstack.HeraldServer;
import dev.herald.testing.Herald;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /openapi} documents every endpoint with its role (a tag), its security and its errors; the viewer at
 * {@code /openapi/ui} (Liberty's) loads nothing from a CDN.
 */
class OpenApiIT {
    /** Every path and method of the API. */
    private static final Map<String, List<String>> ENDPOINTS = Map.ofEntries(
            Map.entry("/api/events", List.of("post")),
            Map.entry("/api/event-types", List.of("get")),
            Map.entry("/api/admin/parked-events", List.of("get")),
            Map.entry("/api/admin/parked-events/replay", List.of("post")),
            Map.entry("/api/admin/parked-events/discard", List.of("post")),
            Map.entry("/api/admin/flow", List.of("get")),
            Map.entry("/api/admin/intake", List.of("get", "post")),
            Map.entry("/api/admin/replay", List.of("post")),
            Map.entry("/api/admin/catalog/reload", List.of("post")),
            Map.entry("/api/admin/audit", List.of("get")),
            Map.entry("/api/admin/story", List.of("get")),
            Map.entry("/api/admin/analytics", List.of("get")),
            Map.entry("/api/admin/retention/run", List.of("post")),
            Map.entry("/api/admin/live/drain", List.of("post")),
            Map.entry("/api/notifications", List.of("get")),
            Map.entry("/api/notifications/counts", List.of("get")),
            Map.entry("/api/notifications/unread-count", List.of("get")),
            Map.entry("/api/notifications/read-all", List.of("post")),
            Map.entry("/api/notifications/seen-all", List.of("post")),
            Map.entry("/api/notifications/bulk", List.of("post")),
            Map.entry("/api/notifications/{id}", List.of("get", "delete")),
            Map.entry("/api/notifications/{id}/{action}", List.of("post")),
            Map.entry("/api/notifications/{id}/snooze", List.of("post")),
            Map.entry("/api/preferences", List.of("get", "put", "patch")),
            Map.entry("/api/me/settings", List.of("get", "put")),
            Map.entry("/api/live/tickets", List.of("post")),
            Map.entry("/api/dev/tokens", List.of("post")),
            Map.entry("/api/dev/clock", List.of("post")),
            Map.entry("/api/notifications/{id}/deliveries", List.of("get")),
            Map.entry("/api/me/contacts", List.of("get", "put")),
            Map.entry("/api/admin/users/{user}/contacts", List.of("get", "put")),
            Map.entry("/api/push/vapid-public-key", List.of("get")),
            Map.entry("/api/push/subscriptions", List.of("get", "post", "delete")),
            Map.entry("/api/webhooks", List.of("get", "post")),
            Map.entry("/api/webhooks/{id}", List.of("get", "put", "delete")),
            Map.entry("/api/webhooks/{id}/rotate-secret", List.of("post")),
            Map.entry("/api/admin/webhooks", List.of("get", "post")),
            Map.entry("/api/admin/webhooks/{id}", List.of("get", "put", "delete")),
            Map.entry("/api/admin/webhooks/{id}/rotate-secret", List.of("post")),
            Map.entry("/api/admin/dead-letters", List.of("get")),
            Map.entry("/api/admin/dead-letters/replay", List.of("post")),
            Map.entry("/api/admin/dead-letters/discard", List.of("post")),
            Map.entry("/api/unsubscribe/{token}", List.of("get", "post")));

    /** Reached without a token: dev tokens (dev mode only) and the signed one-click unsubscribe link. */
    private static final List<String> PUBLIC = List.of("/api/dev/tokens", "/api/unsubscribe/{token}");

    @Test
    void everyEndpointIsDocumentedWithItsSecurityAndErrors() throws Exception {
        Herald herald = Herald.shared();
        HttpResponse<String> response = herald.get("/openapi?format=JSON", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject document =
                Json.createReader(new StringReader(response.body())).readObject();
        JsonObject paths = document.getJsonObject("paths");
        assertThat(paths.keySet()).containsExactlyInAnyOrderElementsOf(ENDPOINTS.keySet());
        ENDPOINTS.forEach((path, methods) -> {
            JsonObject item = paths.getJsonObject(path);
            assertThat(item.keySet()).as(path).containsAll(methods);
            for (String method : methods) {
                JsonObject operation = item.getJsonObject(method);
                String where = method + " " + path;
                assertThat(operation.getString("summary", "")).as(where).isNotBlank();
                assertThat(operation.getJsonArray("tags")).as(where).isNotEmpty();
                if (!PUBLIC.contains(path)) {
                    assertThat(operation.getJsonArray("security")).as(where).isNotEmpty();
                    assertThat(operation.getJsonObject("responses").keySet())
                            .as(where)
                            .contains("401", "403");
                }
            }
        });
        assertThat(document.getJsonObject("components").getJsonObject("schemas").keySet())
                .contains("Notification", "Problem", "Preferences", "InboxPage", "Counts");
        // a field that may be null says so on both servers (Liberty serves OpenAPI 3.1, Payara 3.0)
        JsonObject seenAt = document.getJsonObject("components")
                .getJsonObject("schemas")
                .getJsonObject("Notification")
                .getJsonObject("properties")
                .getJsonObject("seenAt");
        assertThat(seenAt.getBoolean("nullable", false)
                        || seenAt.get("type").toString().contains("\"null\""))
                .as(seenAt.toString())
                .isTrue();
        if (HeraldServer.kind().equals("liberty")) {
            // Liberty's own viewer; Payara Micro has none (README, Payara)
            HttpResponse<String> viewer = herald.get("/openapi/ui/", null);
            assertThat(viewer.statusCode()).isEqualTo(200);
            assertThat(viewer.body()).doesNotContain("cdn.", "unpkg.com", "jsdelivr");
        }
    }
}
