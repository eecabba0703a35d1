package dev.herald.event.boundary;

import dev.herald.Roles;
import dev.herald.event.control.EventCatalog;
import dev.herald.event.control.EventCounts;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/event-types}: the event catalog, so producers know what Herald accepts: each type with its data
 * schema, required fields, category, priority, channels, recipients, aggregation rule and the locales it is worded
 * in. Admins also see how many events of each type this instance accepted since it started.
 */
@Path("event-types")
@RolesAllowed({Roles.USER, Roles.PUBLISHER, Roles.ADMIN})
@Tag(name = "Events", description = "Publishing events and the catalog of event types.")
@SecurityRequirement(name = "jwt")
public class EventTypesResource {
    @Inject
    EventCatalog catalog;

    @Inject
    EventCounts counts;

    @Context
    SecurityContext security;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "listEventTypes",
            summary = "The event catalog (roles: user, publisher, admin)",
            description = "Each type with its JSON Schema, category, priority, channels, recipients, aggregation and"
                    + " templates per locale; admins also see how many of each were accepted.")
    @APIResponse(responseCode = "200", description = "The event types.")
    public List<EventTypeView> list() {
        Map<String, Long> accepted = security.isUserInRole(Roles.ADMIN) ? counts.snapshot() : null;
        return catalog.types().stream()
                .map(type -> EventTypeView.of(type, accepted == null ? null : accepted.getOrDefault(type.type(), 0L)))
                .toList();
    }
}
