package dev.herald.ops.boundary;

import dev.herald.Roles;
import dev.herald.ops.control.AuditEntries;
import dev.herald.platform.boundary.Instants;
import dev.herald.platform.boundary.RequestBodies;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/admin/audit}: the audit trail of admin actions, newest first. */
@Path("admin/audit")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "For operators (role: admin).")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "400", ref = "BadRequest")
public class AuditResource {
    @Inject
    AuditEntries entries;

    @Inject
    RequestBodies bodies;

    @GET
    @Operation(
            operationId = "listAudit",
            summary = "Admin actions, newest first: who, when, what",
            description = "Filters: action (an action such as intake.pause, or a family such as intake), actor, from,"
                    + " to; limit 1-1000 (100). Entries are only ever added.")
    @APIResponse(responseCode = "200", description = "{items: [{id, at, actor, action, target, details}]}")
    public AuditPage list(
            @QueryParam("action") String action,
            @QueryParam("actor") String actor,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("limit") String limit) {
        bodies.checkParameters(new AuditQuery(action, actor, limit));
        AuditEntries.Filter filter = new AuditEntries.Filter(
                blankToNull(action),
                blankToNull(actor),
                Instants.parameter("from", from),
                Instants.parameter("to", to));
        return new AuditPage(entries.newest(filter, limit == null ? 100 : Integer.parseInt(limit)).stream()
                .map(AuditPage.Item::of)
                .toList());
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
