package dev.herald.live.boundary;

import dev.herald.Roles;
import dev.herald.live.control.LiveTickets;
import dev.herald.platform.boundary.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/live/tickets}: a one-time ticket, valid for seconds, that opens {@code /ws/notifications} as the
 * caller. The socket it opens closes when the caller's token expires.
 */
@Path("live/tickets")
@RolesAllowed(Roles.USER)
@Tag(name = "Live", description = "The WebSocket /ws/notifications (role: user).")
@SecurityRequirement(name = "jwt")
public class LiveTicketsResource {
    @Inject
    LiveTickets tickets;

    @Inject
    JsonWebToken token;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "issueLiveTicket",
            summary = "A one-time ticket to open the live socket",
            description = "Open ws(s)://host/ws/notifications?ticket=... within 30 s; the ticket works once, so no"
                    + " token ever travels in a URL. Frames: notification.created|updated|deleted, unread.count,"
                    + " preferences.updated, gap, reconnect, error.")
    @APIResponse(responseCode = "200", description = "The ticket.")
    public Ticket issue() {
        String user = Caller.of(token);
        String ticket = tickets.issue(user, Instant.ofEpochSecond(token.getExpirationTime()));
        return new Ticket(ticket, tickets.ttl().toSeconds());
    }
}
