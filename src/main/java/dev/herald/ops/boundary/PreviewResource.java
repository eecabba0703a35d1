package dev.herald.ops.boundary;

import dev.herald.Roles;
import dev.herald.event.control.EventCatalog;
import dev.herald.event.control.NotificationRenderer;
import dev.herald.event.entity.AcceptedEvent;
import dev.herald.event.entity.CloudEvent;
import dev.herald.event.entity.EventType;
import dev.herald.event.entity.InvalidEventException;
import dev.herald.event.entity.Violation;
import dev.herald.inbox.entity.Notification;
import dev.herald.ops.control.Previews;
import dev.herald.platform.boundary.Problem;
import dev.herald.platform.boundary.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/admin/event-types/{type}/preview}: what a type's message looks like on a channel in a locale, from
 * the type's example data or data sent along, rendered by the same code that sends it (the catalog's templates and
 * channel words, the email layout and brand), for a fictitious recipient. Nothing is stored or sent.
 */
@Path("admin/event-types/{type}/preview")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Operations")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "400", ref = "BadRequest")
public class PreviewResource {
    private static final Set<String> CHANNELS = Set.of("in_app", "email", "push", "sms");
    private static final String RECIPIENT = "preview-user";

    @Inject
    EventCatalog catalog;

    @Inject
    Previews previews;

    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "previewEventType",
            summary = "Render a type's message for a channel and locale (role: admin)",
            description = "Body {channel: in_app|email|push|sms, locale?, data?}; data defaults to the type's example."
                    + " Answers {channel, locale, title, body} and per channel {subject, text, html} (email),"
                    + " {title, body} (push) or {sms} (sms), with link when the type has one.")
    @APIResponse(responseCode = "200", description = "The rendered message.")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public JsonObject preview(@PathParam("type") String name, JsonObject request) {
        EventType type = catalog.catalog().type(name).orElseThrow(NotFoundException::new);
        if (request == null) {
            throw invalid("", "send {channel, locale?, data?}");
        }
        String channel = request.getString("channel", "");
        if (!CHANNELS.contains(channel)
                || !channel.equals("in_app") && !type.channels().contains(channel)) {
            throw invalid("/channel", "must be one of the type's channels " + type.channels() + " (not webhook)");
        }
        if (type.silent()) {
            throw invalid("", name + " is silent: it makes no notification to preview");
        }
        JsonObject data;
        if (request.get("data") instanceof JsonObject given) {
            data = given;
        } else if (request.containsKey("data") && request.get("data") != JsonValue.NULL) {
            throw invalid("/data", "must be an object");
        } else {
            data = type.exampleData()
                    .orElseThrow(() -> invalid("/data", name + " has no example in the catalog: send data"));
        }
        List<Violation> violations = type.schema().check(data);
        if (!violations.isEmpty()) {
            throw new ProblemException(Problem.invalid(
                    "The data does not match " + name + "'s schema.",
                    violations.stream()
                            .map(v -> new Problem.FieldError(
                                    "/data" + v.pointer().replaceFirst("^/data", ""), v.detail()))
                            .toList()));
        }
        String locale = request.get("locale") instanceof JsonString tag
                ? catalog.resolve(tag.getString()).orElse(catalog.defaultLocale())
                : catalog.defaultLocale();
        CloudEvent event = new CloudEvent("preview", "/preview", name, RECIPIENT, null, null, null, null, data);
        Notification n;
        try {
            n = NotificationRenderer.render(
                            catalog.catalog(),
                            new AcceptedEvent(event, type, List.of(RECIPIENT)),
                            Map.of(RECIPIENT, locale),
                            clock.instant())
                    .get(0);
        } catch (InvalidEventException e) {
            throw invalid("/data", e.getMessage());
        }
        return previews.of(n, channel);
    }

    private static ProblemException invalid(String pointer, String detail) {
        return new ProblemException(
                Problem.invalid("The preview cannot be rendered.", List.of(new Problem.FieldError(pointer, detail))));
    }
}
