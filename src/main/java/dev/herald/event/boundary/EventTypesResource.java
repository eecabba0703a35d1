package dev.herald.event.boundary;

import dev.herald.Roles;
import dev.herald.event.control.EventCatalog;
import dev.herald.event.control.EventCounts;
import dev.herald.event.entity.EventType;
import dev.herald.platform.control.JsonFactory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
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
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
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
            summary = "The event catalog (roles: user, publisher, admin)",
            description = "Each type with its JSON Schema, category, priority, channels, recipients, aggregation and"
                    + " templates per locale; admins also see how many of each were accepted.")
    @APIResponse(responseCode = "200", description = "The event types.")
    public JsonArray list() {
        Map<String, Long> accepted = security.isUserInRole(Roles.ADMIN) ? counts.snapshot() : null;
        JsonArrayBuilder types = JsonFactory.PROVIDER.createArrayBuilder();
        catalog.types().forEach(type -> types.add(toJson(type, accepted)));
        return types.build();
    }

    private static JsonObject templates(EventType type) {
        JsonObjectBuilder json = JsonFactory.PROVIDER.createObjectBuilder();
        new TreeMap<>(type.templates().values().stream()
                        .collect(Collectors.toMap(t -> t.locale().toLanguageTag(), t -> t)))
                .forEach((tag, t) -> json.add(
                        tag,
                        JsonFactory.PROVIDER
                                .createObjectBuilder()
                                .add("title", t.title().toString())
                                .add("body", t.body().toString())));
        return json.build();
    }

    private static JsonObject toJson(EventType type, Map<String, Long> accepted) {
        JsonObjectBuilder json = JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("type", type.type())
                .add("category", type.category())
                .add("priority", type.priority())
                .add("silent", type.silent())
                .add("channels", JsonFactory.PROVIDER.createArrayBuilder(type.channels()))
                .add(
                        "recipients",
                        JsonFactory.PROVIDER.createArrayBuilder(
                                type.recipients().sources()))
                .add(
                        "requiredData",
                        JsonFactory.PROVIDER.createArrayBuilder(type.schema().required()))
                .add("schema", type.schema().source())
                .add("templates", templates(type));
        type.aggregationRule()
                .ifPresentOrElse(
                        rule -> {
                            JsonObjectBuilder aggregation = JsonFactory.PROVIDER
                                    .createObjectBuilder()
                                    .add("window", rule.window().toString())
                                    .add("maxActors", rule.maxActors())
                                    .add("readStartsNew", rule.readStartsNew());
                            if (rule.groupBy() != null) {
                                aggregation.add("groupBy", rule.groupBy());
                            }
                            json.add("aggregation", aggregation);
                        },
                        () -> json.addNull("aggregation"));
        if (accepted != null) {
            json.add("accepted", accepted.getOrDefault(type.type(), 0L));
        }
        return json.build();
    }
}
