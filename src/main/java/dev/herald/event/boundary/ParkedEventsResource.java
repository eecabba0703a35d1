package dev.herald.event.boundary;

import dev.herald.Roles;
import dev.herald.event.control.ParkedEvents;
import dev.herald.platform.boundary.Caller;
import dev.herald.platform.boundary.Instants;
import dev.herald.platform.boundary.Problem;
import dev.herald.platform.boundary.ProblemException;
import dev.herald.platform.boundary.RequestBodies;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
public class ParkedEventsResource {
    @Inject
    ParkedEvents parked;

    @Inject
    RequestBodies bodies;

    @Inject
    JsonWebToken token;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "listParkedEvents",
            summary = "Records intake could not use, newest first (role: admin)",
            description = "Each with its topic, partition, offset, payload, headers and every reason as a pointer;"
                    + " filters: reason (text it contains), from, to (when parked). total counts all that match.")
    @APIResponse(responseCode = "200", description = "The parked records.")
    public ParkedPage list(
            @QueryParam("limit") String limit,
            @QueryParam("reason") String reason,
            @QueryParam("from") String from,
            @QueryParam("to") String to) {
        bodies.checkParameters(new ParkedQuery(limit, reason));
        ParkedEvents.Filter filter = new ParkedEvents.Filter(
                null, blankToNull(reason), Instants.parameter("from", from), Instants.parameter("to", to));
        return new ParkedPage(
                parked.newest(filter, limit == null ? 50 : Integer.parseInt(limit)).stream()
                        .map(ParkedView::of)
                        .toList(),
                parked.count(filter));
    }

    @POST
    @Path("replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "replayParkedEvents",
            summary = "Run the selected parked records through intake again (role: admin)",
            description = "Body: {\"ids\": [...]} or {\"reason\": \"text\", \"from\": ..., \"to\": ...}; at most "
                    + ParkedEvents.MAX_SELECTED + " per call. A record that still cannot be used is parked again with"
                    + " its new reason.")
    @APIResponse(responseCode = "200", description = "{replayed, stillParked, remaining}")
    public ParkedEvents.Replayed replay(String body) {
        return parked.replay(selection(body), Caller.of(token));
    }

    @POST
    @Path("discard")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "discardParkedEvents",
            summary = "Delete the selected parked records for good (role: admin)")
    @APIResponse(responseCode = "200", description = "{discarded}")
    public Discarded discard(String body) {
        return new Discarded(parked.discard(selection(body), Caller.of(token)));
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
}
