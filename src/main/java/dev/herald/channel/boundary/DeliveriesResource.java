package dev.herald.channel.boundary;

import dev.herald.Roles;
import dev.herald.channel.control.DeliveryStatuses;
import dev.herald.channel.entity.DeliveryView;
import dev.herald.platform.boundary.Caller;
import dev.herald.platform.control.JsonFactory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/notifications/{id}/deliveries}: what happened to one of the user's notifications on each channel,
 * with every attempt. Another user's notification answers 404, like an unknown one.
 */
@Path("notifications/{id}/deliveries")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Inbox", description = "The signed-in user's notifications (role: user).")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class DeliveriesResource {
    @Inject
    DeliveryStatuses statuses;

    @Inject
    JsonWebToken token;

    @GET
    @Operation(summary = "The notification's deliveries by email, push, SMS and webhook, with their attempts")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public JsonObject deliveries(@PathParam("id") String id) {
        JsonArrayBuilder items = JsonFactory.PROVIDER.createArrayBuilder();
        statuses.of(Caller.of(token), id).orElseThrow(NotFoundException::new).forEach(d -> items.add(view(d)));
        return JsonFactory.PROVIDER.createObjectBuilder().add("items", items).build();
    }

    static JsonObject view(DeliveryView d) {
        JsonObjectBuilder json = JsonFactory.PROVIDER.createObjectBuilder();
        optional(json, "id", d.id());
        json.add("channel", d.channel()).add("status", d.status());
        optional(json, "target", d.target());
        optional(json, "reason", d.reason());
        json.add("attempts", d.attempts());
        optional(json, "dueAt", d.dueAt());
        optional(json, "createdAt", d.createdAt());
        optional(json, "updatedAt", d.updatedAt());
        JsonArrayBuilder log = JsonFactory.PROVIDER.createArrayBuilder();
        d.attemptLog().forEach(a -> log.add(attempt(a)));
        return json.add("attemptLog", log).build();
    }

    /** One attempt: when, how it ended, the provider's status code and answer (what of them is known). */
    static JsonObject attempt(DeliveryView.Attempt a) {
        JsonObjectBuilder attempt = JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("attempt", a.attempt())
                .add("startedAt", a.startedAt().toString());
        optional(attempt, "finishedAt", a.finishedAt());
        optional(attempt, "outcome", a.outcome());
        if (a.statusCode() != null) {
            attempt.add("statusCode", a.statusCode());
        }
        optional(attempt, "answer", a.answer());
        return attempt.build();
    }

    private static void optional(JsonObjectBuilder json, String name, Object value) {
        if (value instanceof Instant at) {
            json.add(name, at.toString());
        } else if (value != null) {
            json.add(name, value.toString());
        }
    }
}
