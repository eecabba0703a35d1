package dev.herald.live.boundary;

import dev.herald.Roles;
import dev.herald.live.control.SessionRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/admin/live/drain}: before this instance stops (a pre-stop hook), its live sockets are closed with
 * 1012, each told when to come back, and it takes no new ones (see {@link SessionRegistry#drain()}).
 */
@Path("admin/live/drain")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Operations", description = "For operators (role: admin).")
@SecurityRequirement(name = "jwt")
public class LiveDrainResource {
    @Inject
    SessionRegistry sessions;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "drainLive",
            summary = "Close this instance's live sockets before it stops, spreading their reconnects",
            description = "Each socket gets a reconnect frame {afterMs} (a moment in a window sized by"
                    + " HERALD_LIVE_RECONNECT_RATE) and a 1012 close; new handshakes get 503 and readiness is DOWN"
                    + " until the server stops.")
    @APIResponse(responseCode = "200", description = "How many sockets were closed, over what window.")
    public SessionRegistry.Drained drain() {
        return sessions.drain();
    }
}
