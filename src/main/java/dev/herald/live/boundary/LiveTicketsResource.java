package dev.herald.live.boundary;

import dev.herald.Roles;
import dev.herald.live.control.LiveTickets;
import dev.herald.platform.control.JsonFactory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * {@code POST /api/live/tickets}: a one-time ticket, valid for seconds, that opens {@code /ws/notifications} as the
 * caller. The socket it opens closes when the caller's token expires.
 */
@Path("live/tickets")
@RolesAllowed(Roles.USER)
public class LiveTicketsResource {
    @Inject
    LiveTickets tickets;

    @Inject
    JsonWebToken token;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public JsonObject issue() {
        String user = token.getSubject() != null ? token.getSubject() : token.getName();
        String ticket = tickets.issue(user, Instant.ofEpochSecond(token.getExpirationTime()));
        return JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("ticket", ticket)
                .add("expiresIn", tickets.ttl().toSeconds())
                .build();
    }
}
