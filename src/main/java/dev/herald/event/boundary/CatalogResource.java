package dev.herald.event.boundary;

import dev.herald.Roles;
import dev.herald.event.control.CatalogSync;
import dev.herald.event.control.EventCatalog;
import dev.herald.platform.boundary.Caller;
import dev.herald.platform.boundary.Problem;
import dev.herald.platform.boundary.ProblemException;
import dev.herald.platform.control.AuditTrail;
import dev.herald.platform.control.JsonFactory;
import dev.herald.platform.control.RootCause;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.UncheckedIOException;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/admin/catalog/reload}: reads the catalog file again on every instance; a broken file is refused and
 * the catalog in use stays.
 */
@Path("admin/catalog/reload")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "For operators (role: admin).")
@SecurityRequirement(name = "jwt")
public class CatalogResource {
    @Inject
    CatalogSync catalog;

    @Inject
    AuditTrail audit;

    @Inject
    JsonWebToken token;

    @POST
    @Operation(
            operationId = "reloadCatalog",
            summary = "Reload the event catalog file (HERALD_CATALOG_LOCATION) on every instance",
            description = "The file is checked first: one with a mistake is refused with it (422) and the catalog in"
                    + " use stays. Other instances reload their own file within two seconds. Parked records of types"
                    + " the new catalog knows can then be replayed.")
    @APIResponse(responseCode = "200", description = "{types, locales, source}")
    @APIResponse(responseCode = "422", description = "The file has a mistake; nothing changed.")
    public EventCatalog.Reloaded reload() {
        String actor = Caller.of(token);
        EventCatalog.Reloaded reloaded;
        try {
            reloaded = catalog.reloadEverywhere(actor);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            String reason = e instanceof UncheckedIOException ? RootCause.message(e) : e.getMessage();
            audit.record(
                    actor,
                    "catalog.reload",
                    "catalog",
                    JsonFactory.PROVIDER
                            .createObjectBuilder()
                            .add("refused", reason)
                            .build());
            throw new ProblemException(new Problem(
                    "about:blank",
                    "Unprocessable Content",
                    422,
                    "The catalog file has a mistake; the catalog in use stays.",
                    List.of(new Problem.FieldError("", reason))));
        }
        return reloaded;
    }
}
