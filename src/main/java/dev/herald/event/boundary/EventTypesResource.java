package dev.herald.event.boundary;

import dev.herald.Roles;
import dev.herald.event.control.EventCatalog;
import dev.herald.event.entity.EventType;
import dev.herald.platform.control.JsonFactory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/event-types}: the event catalog, so producers know what Herald accepts. */
@Path("event-types")
@RolesAllowed({Roles.USER, Roles.PUBLISHER, Roles.ADMIN})
public class EventTypesResource {
    @Inject
    EventCatalog catalog;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public JsonArray list() {
        JsonArrayBuilder types = JsonFactory.PROVIDER.createArrayBuilder();
        catalog.all().forEach(type -> types.add(toJson(type)));
        return types.build();
    }

    private static JsonObject toJson(EventType type) {
        JsonArrayBuilder fields = JsonFactory.PROVIDER.createArrayBuilder();
        type.title().placeholders().forEach(fields::add);
        type.body().placeholders().stream()
                .filter(p -> !type.title().placeholders().contains(p))
                .forEach(fields::add);
        return JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("type", type.type())
                .add("category", type.category())
                .add("channels", JsonFactory.PROVIDER.createArrayBuilder(type.channels()))
                .add("title", type.title().toString())
                .add("body", type.body().toString())
                .add("requiredData", fields)
                .build();
    }
}
