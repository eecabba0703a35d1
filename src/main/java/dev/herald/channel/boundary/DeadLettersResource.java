package dev.herald.channel.boundary;

import dev.herald.Roles;
import dev.herald.channel.control.DeadLetters;
import dev.herald.channel.control.DeadLetters.Filter;
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
 * {@code /api/admin/dead-letters}: deliveries that failed for good, with why; replayed (same delivery id, so the same
 * idempotency key; a fresh budget of tries) or discarded, by ids or by channel / time range / error text.
 */
@Path("admin/dead-letters")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "For operators (role: admin).")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "400", ref = "BadRequest")
public class DeadLettersResource {
    @Inject
    DeadLetters deadLetters;

    @Inject
    RequestBodies bodies;

    @Inject
    JsonWebToken token;

    @GET
    @Operation(operationId = "listDeadLetters", summary = "Dead letters, newest first (open ones unless resolved=true)")
    public DeadLetterList list(
            @QueryParam("channel") String channel,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("error") String error,
            @QueryParam("resolved") boolean resolved,
            @QueryParam("limit") Integer limit) {
        DeadLetterFilter filter = new DeadLetterFilter(
                null, channel, Instants.parameter("from", from), Instants.parameter("to", to), error);
        bodies.checkParameters(filter);
        int max = limit == null ? 100 : limit;
        if (max < 1 || max > 1000) {
            throw new ProblemException(Problem.of(Response.Status.BAD_REQUEST, "limit must be 1 to 1000"));
        }
        return new DeadLetterList(deadLetters.list(filter(filter), resolved, max));
    }

    @POST
    @Path("replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replayDeadLetters", summary = "Queue the matching open dead letters again")
    public Replayed replay(String body) {
        return new Replayed(deadLetters.replay(selection(bodies.read(body, DeadLetterFilter.class)), Caller.of(token)));
    }

    @POST
    @Path("discard")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "discardDeadLetters", summary = "Close the matching open dead letters without sending")
    public Discarded discard(String body) {
        return new Discarded(
                deadLetters.discard(selection(bodies.read(body, DeadLetterFilter.class)), Caller.of(token)));
    }

    /** A replay or discard must say which: an empty body would otherwise mean every open dead letter. */
    private static Filter selection(DeadLetterFilter f) {
        Filter filter = filter(f);
        if (!filter.selective()) {
            throw new ProblemException(Problem.of(
                    Response.Status.BAD_REQUEST,
                    "Name the dead letters: ids, or at least one of channel, from, to and error."));
        }
        return filter;
    }

    private static Filter filter(DeadLetterFilter f) {
        return new Filter(
                f.ids(),
                f.channel(),
                Instants.bodyInstant("/from", f.from()),
                Instants.bodyInstant("/to", f.to()),
                f.error());
    }
}
