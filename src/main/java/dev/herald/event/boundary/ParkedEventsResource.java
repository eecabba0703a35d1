package dev.herald.event.boundary;

import dev.herald.Roles;
import dev.herald.event.control.ParkedEvents;
import dev.herald.event.entity.ParkedEvent;
import dev.herald.platform.boundary.RequestBodies;
import dev.herald.platform.control.JsonFactory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.validation.constraints.Pattern;
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

    @Inject
    RequestBodies bodies;

    /** The query parameters, checked with Bean Validation. */
    record ParkedQuery(
            @Pattern(regexp = "[1-9][0-9]?|[1-4][0-9]{2}|500", message = "must be a whole number from 1 to 500")
                    String limit) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Records intake could not use, newest first (role: admin)",
            description = "Each with its topic, partition, offset, payload, headers and every reason as a pointer.")
    @APIResponse(responseCode = "200", description = "The parked records.")
    public JsonObject list(@QueryParam("limit") String limit) {
        JsonArrayBuilder items = JsonFactory.PROVIDER.createArrayBuilder();
        bodies.checkParameters(new ParkedQuery(limit));
        parked.newest(limit == null ? 50 : Integer.parseInt(limit)).forEach(p -> items.add(toJson(p)));
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
