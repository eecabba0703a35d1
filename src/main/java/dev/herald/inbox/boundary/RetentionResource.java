package dev.herald.inbox.boundary;

import dev.herald.Roles;
import dev.herald.inbox.control.InboxRetention;
import dev.herald.platform.boundary.Caller;
import dev.herald.platform.control.AuditTrail;
import dev.herald.platform.control.JsonFactory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/admin/retention/run}: runs the inbox purge now instead of at its next turn (role admin). */
@Path("admin/retention/run")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "For operators (role: admin).")
@SecurityRequirement(name = "jwt")
public class RetentionResource {
    @Inject
    InboxRetention retention;

    @Inject
    AuditTrail audit;

    @Inject
    JsonWebToken token;

    @POST
    @Operation(
            operationId = "runRetention",
            summary = "Purge notifications past retention now",
            description = "Read ones older than HERALD_RETENTION_READ_DAYS, all older than HERALD_RETENTION_DAYS;"
                    + " skipped (skipped: true) while another instance is purging.")
    @APIResponse(responseCode = "200", ref = "Purged")
    public InboxRetention.Purged run() {
        InboxRetention.Purged purged = retention.purge();
        audit.record(
                Caller.of(token),
                "retention.run",
                "inbox",
                JsonFactory.bound(purged).asJsonObject());
        return purged;
    }
}
