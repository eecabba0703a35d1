package dev.herald.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CORS as a browser on the customer app's origin sees it (the shared server allows that origin through
 * {@code HERALD_LIVE_ALLOWED_ORIGINS}, which CORS defaults to): preflights answered before any role check and
 * cached, the headers a client reads exposed, also on the container's own 401; nothing for an origin not listed.
 */
class CorsIT {
    static Herald herald;
    static final HttpClient http = Herald.client();
    static final String APP = Herald.customerAppOrigin();

    @BeforeAll
    static void start() throws Exception {
        herald = Herald.shared();
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredBeforeTheRoleCheckAndCached() throws Exception {
        HttpResponse<String> preflight =
                preflight("/api/notifications/x/read", APP, "POST", "authorization, content-type");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .contains(APP);
        assertThat(preflight
                        .headers()
                        .firstValue("Access-Control-Allow-Methods")
                        .orElseThrow())
                .contains("POST", "PATCH", "DELETE");
        assertThat(preflight
                        .headers()
                        .firstValue("Access-Control-Allow-Headers")
                        .orElseThrow())
                .contains("authorization", "content-type");
        assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).contains("7200");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials"))
                .isEmpty();
        assertThat(preflight.headers().allValues("Vary").toString()).contains("Origin");
    }

    @Test
    void aPreflightFromAnotherOriginOrForAnUnusedHeaderIsRefused() throws Exception {
        HttpResponse<String> foreign = preflight("/api/notifications", "https://evil.example", "GET", "authorization");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(foreign.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        HttpResponse<String> header = preflight("/api/notifications", APP, "GET", "authorization, x-debug");
        assertThat(header.statusCode()).isEqualTo(403);
        assertThat(header.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> method = preflight("/api/notifications", APP, "TRACE", "");
        assertThat(method.statusCode()).isEqualTo(403);
    }

    @Test
    void responsesToAnAllowedOriginCarryItAndExposeTheHeadersClientsRead() throws Exception {
        String token = herald.token(Events.newUser("cors"), "user");
        HttpResponse<String> ok = send(HttpRequest.newBuilder(herald.uri("/api/notifications"))
                .header("Origin", APP)
                .header("Authorization", "Bearer " + token)
                .GET());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Access-Control-Allow-Origin")).contains(APP);
        assertThat(ok.headers().firstValue("Access-Control-Expose-Headers").orElseThrow())
                .contains("Location", "WWW-Authenticate", "Retry-After");

        HttpResponse<String> refused = send(HttpRequest.newBuilder(herald.uri("/api/notifications"))
                .header("Origin", APP)
                .header("Authorization", "Bearer " + herald.expiredToken("cors", "user"))
                .GET());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin"))
                .as("the container's own 401, so the page can read why")
                .contains(APP);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).isPresent();

        HttpResponse<String> script = send(HttpRequest.newBuilder(herald.uri("/herald-client.js"))
                .header("Origin", APP)
                .GET());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Access-Control-Allow-Origin"))
                .as("a module script loaded by another origin's page")
                .contains(APP);
    }

    @Test
    void responsesToAnOriginNotListedCarryNoCorsHeader() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(herald.uri("/api/notifications"))
                .header("Origin", "https://evil.example")
                .header("Authorization", "Bearer " + herald.token(Events.newUser("cors"), "user"))
                .GET());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers"))
                .isEmpty();
    }

    private static HttpResponse<String> preflight(String path, String origin, String method, String headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(herald.uri(path))
                .header("Origin", origin)
                .header("Access-Control-Request-Method", method)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
        if (!headers.isEmpty()) {
            request.header("Access-Control-Request-Headers", headers);
        }
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
