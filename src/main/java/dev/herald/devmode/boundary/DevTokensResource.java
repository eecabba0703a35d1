package dev.herald.devmode.boundary;

import dev.herald.devmode.control.DevTokens;
import dev.herald.platform.boundary.Problem;
import dev.herald.platform.boundary.ProblemException;
import dev.herald.platform.control.JsonFactory;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/dev/tokens} — DEV MODE ONLY: {@code {"sub":"alice","groups":["user"]}} answers a signed token.
 * Open to anyone while enabled, which is why it is off by default; when off it answers 404.
 */
@Path("dev/tokens")
@PermitAll
public class DevTokensResource {
    private static final Set<String> ROLES = Set.of("user", "publisher", "admin");

    @Inject
    DevTokens tokens;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject mint(JsonObject request) {
        if (!tokens.enabled()) {
            throw new ProblemException(Problem.of(Response.Status.NOT_FOUND, "Dev tokens are disabled."));
        }
        String subject = request == null ? "" : request.getString("sub", "");
        if (subject.isBlank() || subject.length() > 200) {
            throw bad("sub must be a user id of 1 to 200 characters");
        }
        List<String> groups = groups(request);
        long ttl = request.getJsonNumber("ttlSeconds") == null
                ? 3600
                : request.getJsonNumber("ttlSeconds").longValue();
        if (ttl < 1 || ttl > DevTokens.MAX_TTL.toSeconds()) {
            throw bad("ttlSeconds must be from 1 to " + DevTokens.MAX_TTL.toSeconds());
        }
        String token = tokens.mint(subject, groups, Duration.ofSeconds(ttl));
        return JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("token", token)
                .add("sub", subject)
                .add("expiresIn", ttl)
                .build();
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
