package dev.herald.event.boundary;

import dev.herald.Roles;
import dev.herald.event.control.ParkedEvents;
import dev.herald.event.entity.ParkedEvent;
import dev.herald.platform.boundary.Caller;
import dev.herald.platform.boundary.Instants;
import dev.herald.platform.boundary.Problem;
import dev.herald.platform.boundary.ProblemException;
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
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/admin/parked-events}: the records intake could not use, newest first, for operators to read, replay
 * (after the catalog is fixed) or discard.
 */
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

    @Inject
    JsonWebToken token;

    /** The query parameters, checked with Bean Validation. */
    record ParkedQuery(
            @Pattern(regexp = "[1-9][0-9]?|[1-4][0-9]{2}|500", message = "must be a whole number from 1 to 500")
                    String limit,
            @Size(max = 200, message = "must be at most 200 characters")
                    @Pattern(regexp = RequestBodies.NO_NUL, message = "must not contain a NUL character")
                    String reason) {}

    /** Which parked records a replay or discard takes: ids, or reason text and parking time. */
    public record ParkedSelection(
            @Size(max = 1000, message = "must list at most 1000 ids")
                    List<@Size(max = 40) @Pattern(regexp = RequestBodies.NO_NUL) String> ids,
            @Size(max = 200, message = "must be at most 200 characters")
                    @Pattern(regexp = RequestBodies.NO_NUL, message = "must not contain a NUL character")
                    String reason,
            Instant from,
            Instant to) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Records intake could not use, newest first (role: admin)",
            description = "Each with its topic, partition, offset, payload, headers and every reason as a pointer;"
                    + " filters: reason (text it contains), from, to (when parked). total counts all that match.")
    @APIResponse(responseCode = "200", description = "The parked records.")
    public JsonObject list(
            @QueryParam("limit") String limit,
            @QueryParam("reason") String reason,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        bodies.checkParameters(new ParkedQuery(limit, reason));
        ParkedEvents.Filter filter = new ParkedEvents.Filter(
                null, blankToNull(reason), Instants.parameter("from", from), Instants.parameter("to", to));
        JsonArrayBuilder items = JsonFactory.PROVIDER.createArrayBuilder();
        parked.newest(filter, limit == null ? 50 : Integer.parseInt(limit)).forEach(p -> items.add(toJson(p)));
        return JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("items", items)
                .add("total", parked.count(filter))
                .build();
    }

    @POST
    @Path("replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Run the selected parked records through intake again (role: admin)",
            description = "Body: {\"ids\": [...]} or {\"reason\": \"text\", \"from\": ..., \"to\": ...}; at most "
                    + ParkedEvents.MAX_SELECTED + " per call. A record that still cannot be used is parked again with"
                    + " its new reason.")
    @APIResponse(responseCode = "200", description = "{replayed, stillParked, remaining}")
    public JsonObject replay(String body) {
        ParkedEvents.Replayed replayed = parked.replay(selection(body), Caller.of(token));
        return JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("replayed", replayed.replayed())
                .add("stillParked", replayed.stillParked())
                .add("remaining", replayed.remaining())
                .build();
    }

    @POST
    @Path("discard")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delete the selected parked records for good (role: admin)")
    @APIResponse(responseCode = "200", description = "{discarded}")
    public JsonObject discard(String body) {
        int discarded = parked.discard(selection(body), Caller.of(token));
        return JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("discarded", discarded)
                .build();
    }

    /** A replay or discard must say which: an empty body would otherwise take every parked record. */
    private ParkedEvents.Filter selection(String body) {
        ParkedSelection s = bodies.read(body, ParkedSelection.class);
        ParkedEvents.Filter filter = new ParkedEvents.Filter(
                s.ids(),
                blankToNull(s.reason()),
                Instants.bodyInstant("/from", s.from()),
                Instants.bodyInstant("/to", s.to()));
        if (!filter.selective()) {
            throw new ProblemException(Problem.of(
                    Response.Status.BAD_REQUEST,
                    "Name the parked records: ids, or at least one of reason, from and to."));
        }
        return filter;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
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
        try (JsonReader reader = JsonFactory.strictReader(json)) {
            return reader.readValue();
        }
    }
}
