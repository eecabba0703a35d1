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
            Map.entry("/api/events", List.of("post", "delete")),
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
            Map.entry("/api/unsubscribe/{token}", List.of("get", "post")),
            Map.entry("/api/open/{token}", List.of("get", "head")),
            Map.entry("/api/admin/event-types/{type}/preview", List.of("post")));

    /** Reached without a token: dev tokens (dev mode only), the signed one-click unsubscribe and open links. */
    private static final List<String> PUBLIC =
            List.of("/api/dev/tokens", "/api/unsubscribe/{token}", "/api/open/{token}");

    @Test
    void everyEndpointIsDocumentedWithItsSecurityAndErrors() throws Exception {
        Herald herald = Herald.shared();
        HttpResponse<String> response = herald.get("/openapi?format=JSON", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject document =
                Json.createReader(new StringReader(response.body())).readObject();
        JsonObject paths = document.getJsonObject("paths");
        assertThat(paths.keySet()).containsExactlyInAnyOrderElementsOf(ENDPOINTS.keySet());
        java.util.Set<String> operationIds = new java.util.HashSet<>();
        ENDPOINTS.forEach((path, methods) -> {
            JsonObject item = paths.getJsonObject(path);
            assertThat(item.keySet()).as(path).containsAll(methods);
            for (String method : methods) {
                JsonObject operation = item.getJsonObject(method);
                String where = method + " " + path;
                assertThat(operation.getString("summary", "")).as(where).isNotBlank();
                // a generated client's method names: present, and unique across the document
                assertThat(operation.getString("operationId", "")).as(where).matches("[a-z][A-Za-z]+");
                assertThat(operationIds.add(operation.getString("operationId")))
                        .as(where)
                        .isTrue();
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
        assertCommittedDocumentMatches(document);
        if (HeraldServer.kind().equals("liberty")) {
            // Liberty's own viewer; Payara Micro has none (docs/payara.md)
            HttpResponse<String> viewer = herald.get("/openapi/ui/", null);
            assertThat(viewer.statusCode()).isEqualTo(200);
            assertThat(viewer.body()).doesNotContain("cdn.", "unpkg.com", "jsdelivr");
        }
    }

    /**
     * The document in the repository (what clients are generated from, by users and by GeneratedClientIT) is the
     * served one: on Liberty, whole (but its {@code servers}); on Payara, which writes OpenAPI 3.0 where Liberty
     * writes 3.1, the same operations under the same ids. {@code -Dherald.openapi.refresh=true} rewrites it from
     * Liberty.
     */
    private static void assertCommittedDocumentMatches(JsonObject served) throws Exception {
        JsonObject withoutServers =
                Json.createObjectBuilder(served).remove("servers").build();
        if (HeraldServer.kind().equals("liberty") && Boolean.getBoolean("herald.openapi.refresh")) {
            var writer = Json.createWriterFactory(Map.of(jakarta.json.stream.JsonGenerator.PRETTY_PRINTING, true))
                    .createWriter(java.nio.file.Files.newBufferedWriter(COMMITTED));
            writer.writeObject(withoutServers);
            writer.close();
        }
        JsonObject committed;
        try (var reader = Json.createReader(java.nio.file.Files.newBufferedReader(COMMITTED))) {
            committed = reader.readObject();
        }
        if (HeraldServer.kind().equals("liberty")) {
            assertThat(withoutServers)
                    .as("docs/api/openapi.json is stale: run OpenApiIT with -Dherald.openapi.refresh=true")
                    .isEqualTo(committed);
        } else {
            assertThat(operations(served)).isEqualTo(operations(committed));
        }
    }

    static final java.nio.file.Path COMMITTED = java.nio.file.Path.of("docs/api/openapi.json");

    /** "method path" to operationId, for every operation. */
    private static Map<String, String> operations(JsonObject document) {
        Map<String, String> operations = new java.util.TreeMap<>();
        document.getJsonObject("paths")
                .forEach((path, item) -> item.asJsonObject().forEach((method, operation) -> {
                    if (operation instanceof JsonObject object && object.containsKey("operationId")) {
                        operations.put(method + " " + path, object.getString("operationId"));
                    }
                }));
        return operations;
    }
}
