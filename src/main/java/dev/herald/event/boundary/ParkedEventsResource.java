package dev.herald.event.boundary;

import dev.herald.Roles;
import dev.herald.event.control.ParkedEvents;
import dev.herald.event.entity.ParkedEvent;
import dev.herald.platform.boundary.QueryParams;
import dev.herald.platform.control.JsonFactory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /api/admin/parked-events}: the dead-letter store, newest first, for operators. */
@Path("admin/parked-events")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Operations", description = "For operators (role: admin).")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "400", ref = "BadRequest")
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class ParkedEventsResource {
    @Inject
    ParkedEvents parked;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Records intake could not use, newest first (role: admin)",
            description = "Each with its topic, partition, offset, payload, headers and every reason as a pointer.")
    @APIResponse(responseCode = "200", description = "The parked records.")
    public JsonObject list(@QueryParam("limit") String limit) {
        JsonArrayBuilder items = JsonFactory.PROVIDER.createArrayBuilder();
        parked.newest(QueryParams.limit(limit, 50, 500)).forEach(p -> items.add(toJson(p)));
        return JsonFactory.PROVIDER.createObjectBuilder().add("items", items).build();
    }

    private static JsonObject toJson(ParkedEvent p) {
        JsonObjectBuilder json = JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("id", p.id())
                .add("parkedAt", p.parkedAt().toString())
                .add("reason", p.reason());
        if (p.topic() != null) {
            json.add("topic", p.topic()).add("partition", p.partition()).add("offset", p.offset());
        }
        if (p.key() != null) {
            json.add("key", p.key());
        }
        if (p.payload() != null) {
            json.add("payload", p.payload());
        }
        if (p.errors() != null) {
            json.add("errors", parse(p.errors()));
        }
        if (p.headers() != null) {
            json.add("headers", parse(p.headers()));
        }
        return json.build();
    }

    /** JSON this application wrote itself. */
    private static JsonValue parse(String json) {
        try (JsonReader reader = JsonFactory.PROVIDER.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }
}
