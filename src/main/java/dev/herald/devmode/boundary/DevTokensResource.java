package dev.herald.devmode.boundary;

import dev.herald.devmode.control.DevTokens;
import dev.herald.platform.boundary.Problem;
import dev.herald.platform.boundary.ProblemException;
import dev.herald.platform.control.JsonFactory;
import dev.herald.platform.control.JsonLimits;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/dev/tokens} — DEV MODE ONLY: {@code {"sub":"alice","groups":["user"]}} answers a signed token.
 * Open to anyone while enabled, which is why it is off by default; when off it answers 404.
 */
@Path("dev/tokens")
@PermitAll
@Tag(name = "Dev mode", description = "Only with HERALD_DEV_TOKENS_ENABLED / HERALD_DEV_CLOCK_ENABLED; 404 otherwise.")
public class DevTokensResource {
    private static final Set<String> ROLES = Set.of("user", "publisher", "admin");

    @Inject
    DevTokens tokens;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "mintDevToken",
            summary = "Mint a token (dev mode only; open to anyone while on)",
            description = "Body: {\"sub\":\"alice\",\"groups\":[\"user\"],\"ttlSeconds\":3600}.")
    @APIResponse(responseCode = "200", description = "A signed token.")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public DevToken mint(String body) {
        if (!tokens.enabled()) {
            throw new ProblemException(Problem.of(Response.Status.NOT_FOUND, "Dev tokens are disabled."));
        }
        JsonObject request = read(body);
        String subject = request.get("sub") instanceof JsonString sub ? sub.getString() : "";
        if (subject.isBlank() || subject.length() > 200) {
            throw bad("sub must be a user id of 1 to 200 characters");
        }
        List<String> groups = groups(request);
        JsonValue ttlValue = request.getOrDefault("ttlSeconds", JsonValue.NULL);
        if (ttlValue != JsonValue.NULL && !(ttlValue instanceof JsonNumber number && number.isIntegral())) {
            throw bad("ttlSeconds must be a whole number of seconds");
        }
        long ttl = ttlValue instanceof JsonNumber number
                ? number.bigIntegerValue().min(BIG).longValue()
                : 3600;
        if (ttl < 1 || ttl > DevTokens.MAX_TTL.toSeconds()) {
            throw bad("ttlSeconds must be from 1 to " + DevTokens.MAX_TTL.toSeconds());
        }
        String token = tokens.mint(subject, groups, Duration.ofSeconds(ttl));
        return new DevToken(token, subject, ttl);
    }

    private static final BigInteger BIG = BigInteger.valueOf(Long.MAX_VALUE);

    private static JsonObject read(String body) {
        String tooCostly = body == null ? null : JsonLimits.violation(body);
        if (tooCostly != null) {
            throw bad(tooCostly);
        }
        try (JsonReader reader = JsonFactory.strictReader(body == null ? "" : body)) {
            return reader.readObject();
        } catch (RuntimeException e) {
            throw bad("expected a JSON object: {\"sub\": \"alice\", \"groups\": [\"user\"], \"ttlSeconds\": 3600}");
        }
    }

    private static List<String> groups(JsonObject request) {
        JsonValue value = request.get("groups");
        if (value == null) {
            return List.of("user");
        }
        if (value.getValueType() != JsonValue.ValueType.ARRAY) {
            throw bad("groups must be an array of roles");
        }
        List<String> groups = value.asJsonArray().stream()
                .map(v -> v instanceof JsonString s ? s.getString() : "")
                .toList();
        if (!ROLES.containsAll(groups)) {
            throw bad("groups may hold only " + ROLES);
        }
        return groups;
    }

    private static ProblemException bad(String detail) {
        return new ProblemException(Problem.of(Response.Status.BAD_REQUEST, detail));
    }
}
