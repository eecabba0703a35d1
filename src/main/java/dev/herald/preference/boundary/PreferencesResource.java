package dev.herald.preference.boundary;

import dev.herald.Roles;
import dev.herald.platform.boundary.Caller;
import dev.herald.platform.boundary.Problem;
import dev.herald.platform.boundary.Problem.FieldError;
import dev.herald.platform.boundary.ProblemException;
import dev.herald.platform.boundary.RequestBodies;
import dev.herald.platform.control.JsonFactory;
import dev.herald.preference.control.ChannelDefaults;
import dev.herald.preference.control.PreferencesJson;
import dev.herald.preference.control.Settings;
import dev.herald.preference.entity.PreferencesDocument;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/preferences}: what reaches the signed-in user and when. {@code GET} shows them in full (the user's
 * choices over the catalog's defaults); {@code PUT} replaces the choices; {@code PATCH} (JSON Merge Patch, RFC 7396)
 * changes some, e.g. {@code {"categories":{"social":{"email":false}}}}; {@code null} resets an entry to its default.
 * Every change is pushed to the user's live sessions.
 */
@Path("preferences")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Preferences", description = "What reaches the signed-in user and when (role: user).")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "400", ref = "BadRequest")
public class PreferencesResource {
    static final String MERGE_PATCH = "application/merge-patch+json";

    @Inject
    Settings settings;

    @Inject
    ChannelDefaults defaults;

    @Inject
    RequestBodies bodies;

    @Inject
    JsonWebToken token;

    @GET
    @Operation(operationId = "getPreferences", summary = "The user's preferences in full")
    @APIResponse(responseCode = "200", ref = "Preferences")
    public String get() {
        return PreferencesJson.write(settings.preferences(Caller.of(token)));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "replacePreferences",
            summary = "Replace the user's preferences",
            description = "Fields left out follow the catalog's defaults. Categories must be ones the catalog has.")
    @RequestBody(ref = "Preferences")
    @APIResponse(responseCode = "200", ref = "Preferences")
    public String put(String body) {
        JsonObject replacement = bodies.object(body);
        return PreferencesJson.write(settings.change(Caller.of(token), chosen -> valid(replacement)));
    }

    @PATCH
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(
            operationId = "patchPreferences",
            summary = "Change some preferences (JSON Merge Patch)",
            description = "Merged into the user's choices; null resets an entry to its default.")
    @RequestBody(ref = "Preferences")
    @APIResponse(responseCode = "200", ref = "Preferences")
    public String patch(String body) {
        JsonObject patch = bodies.object(body);
        return PreferencesJson.write(settings.change(Caller.of(token), chosen -> {
            JsonValue merged = JsonFactory.PROVIDER
                    .createMergePatch(patch)
                    .apply(withoutStaleCategories(read(PreferencesJson.write(chosen))));
            return valid(merged.asJsonObject());
        }));
    }

    /** The document a body describes, with every problem found answered at once. */
    private PreferencesDocument valid(JsonObject json) {
        PreferencesDocument document = bodies.bind(withoutNulls(json), PreferencesDocument.class);
        List<FieldError> errors =
                crossChecks(document, defaults.categoryChannels().keySet());
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("The preferences are not valid.", errors));
        }
        return document;
    }

    /** What Bean Validation cannot see: categories the catalog has, and fields that depend on each other. */
    static List<FieldError> crossChecks(PreferencesDocument document, Set<String> categories) {
        List<FieldError> errors = new ArrayList<>();
        if (document.categories() != null) {
            document.categories().keySet().stream()
                    .filter(category -> !categories.contains(category))
                    .sorted()
                    .forEach(category -> errors.add(new FieldError(
                            "/categories/" + category,
                            "unknown category; use one of " + String.join(", ", categories))));
        }
        if (document.quietHours() != null
                && document.quietHours().start() != null
                && document.quietHours().start().equals(document.quietHours().end())) {
            errors.add(new FieldError("/quietHours/end", "must differ from start"));
        }
        if (document.digest() != null) {
            document.digest().forEach((channel, digest) -> {
                if (channel.equals("in_app")) {
                    errors.add(new FieldError("/digest/in_app", "the in-app inbox has no digest"));
                } else if (digest.cadence().equals("daily") && digest.at() == null) {
                    errors.add(new FieldError("/digest/" + channel + "/at", "is required for a daily digest"));
                } else if (!digest.cadence().equals("daily") && digest.at() != null) {
                    errors.add(new FieldError("/digest/" + channel + "/at", "only a daily digest has a time"));
                }
            });
        }
        return errors;
    }

    /**
     * The stored choices without categories the catalog no longer has: a patch is checked whole, and should not be
     * refused for a choice the user made before the catalog changed.
     */
    private JsonObject withoutStaleCategories(JsonObject chosen) {
        if (!(chosen.get("categories") instanceof JsonObject categories)) {
            return chosen;
        }
        Set<String> known = defaults.categoryChannels().keySet();
        var kept = JsonFactory.PROVIDER.createObjectBuilder();
        categories.forEach((name, choices) -> {
            if (known.contains(name)) {
                kept.add(name, choices);
            }
        });
        return JsonFactory.PROVIDER
                .createObjectBuilder(chosen)
                .add("categories", kept)
                .build();
    }

    /** A top-level null means "the default" for PUT as for PATCH. */
    private static JsonObject withoutNulls(JsonObject json) {
        var copy = JsonFactory.PROVIDER.createObjectBuilder();
        json.forEach((name, value) -> {
            if (value != JsonValue.NULL) {
                copy.add(name, value);
            }
        });
        return copy.build();
    }

    private static JsonObject read(String json) {
        try (JsonReader reader = JsonFactory.strictReader(json)) {
            return reader.readObject();
        }
    }
}
