package dev.herald.channel.boundary;

import dev.herald.Roles;
import dev.herald.channel.control.DeliveryStatuses;
import dev.herald.platform.boundary.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
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
public class DeliveriesResource {
    @Inject
    DeliveryStatuses statuses;

    @Inject
    JsonWebToken token;

    @GET
    @Operation(
            operationId = "listDeliveries",
            summary = "The notification's deliveries by email, push, SMS and webhook, with their attempts")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Deliveries deliveries(@PathParam("id") String id) {
        return new Deliveries(statuses.of(Caller.of(token), id).orElseThrow(NotFoundException::new));
    }
}
