package dev.herald.preference.boundary;

import dev.herald.Roles;
import dev.herald.platform.boundary.Caller;
import dev.herald.platform.boundary.Problem;
import dev.herald.platform.boundary.Problem.FieldError;
import dev.herald.platform.boundary.ProblemException;
import dev.herald.platform.boundary.RequestBodies;
import dev.herald.preference.control.Settings;
import dev.herald.preference.control.SupportedLocales;
import dev.herald.preference.entity.UserSettings;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/me/settings}: the signed-in user's locale (a BCP 47 tag Herald has templates for) and time zone (an
 * IANA zone id). {@code PUT} replaces both; {@code null} or absent clears one, and notifications then use the default
 * locale.
 */
@Path("me/settings")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Preferences", description = "What reaches the signed-in user and when (role: user).")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "400", ref = "BadRequest")
public class SettingsResource {
    @Inject
    Settings settings;

    @Inject
    SupportedLocales locales;

    @Inject
    RequestBodies bodies;

    @Inject
    JsonWebToken token;

    @GET
    @Operation(operationId = "getSettings", summary = "The user's locale and time zone")
    @APIResponse(responseCode = "200", ref = "Settings")
    public SettingsView get() {
        return view(settings.of(Caller.of(token)));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "replaceSettings",
            summary = "Set the user's locale and time zone",
            description = "locale: a BCP 47 tag Herald has templates for; timeZone: an IANA zone (used by quiet hours"
                    + " and digests); null clears one.")
    @APIResponse(responseCode = "200", ref = "Settings")
    public SettingsView put(String body) {
        JsonObject request = bodies.object(body);
        List<FieldError> errors = new ArrayList<>();
        String locale = locale(request, errors);
        ZoneId zone = zone(request, errors);
        for (String name : request.keySet()) {
            if (!name.equals("locale") && !name.equals("timeZone")) {
                errors.add(new FieldError("/" + name, "unknown setting; use locale and timeZone"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("The settings are not valid.", errors));
        }
        return view(Optional.of(settings.save(Caller.of(token), locale, zone)));
    }

    private String locale(JsonObject request, List<FieldError> errors) {
        String tag = string(request, "locale", errors);
        if (tag == null) {
            return null;
        }
        Optional<String> supported = locales.resolve(tag);
        if (supported.isEmpty()) {
            errors.add(new FieldError(
                    "/locale",
                    "\"" + tag + "\" is not a locale Herald has templates for; use one of "
                            + String.join(", ", locales.all())));
            return null;
        }
        return tag;
    }

    private static ZoneId zone(JsonObject request, List<FieldError> errors) {
        String id = string(request, "timeZone", errors);
        if (id == null) {
            return null;
        }
        if (ZoneId.getAvailableZoneIds().contains(id)) {
            return ZoneId.of(id);
        }
        errors.add(new FieldError("/timeZone", "\"" + id + "\" is not an IANA time zone such as Europe/Berlin"));
        return null;
    }

    private static String string(JsonObject request, String name, List<FieldError> errors) {
        JsonValue value = request.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        if (!(value instanceof JsonString string)
                || string.getString().isBlank()
                || string.getString().length() > 64) {
            errors.add(new FieldError("/" + name, "must be a non-blank string of at most 64 characters, or null"));
            return null;
        }
        return string.getString();
    }

    private SettingsView view(Optional<UserSettings> stored) {
        String locale = stored.map(UserSettings::locale).orElse(null);
        String effective = locale == null
                ? locales.defaultLocale()
                : locales.resolve(locale).orElse(locales.defaultLocale());
        return new SettingsView(
                locale, stored.map(UserSettings::timeZone).orElse(null), effective, List.copyOf(locales.all()));
    }
}
