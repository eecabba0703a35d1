package dev.herald.channel.boundary;

import dev.herald.Roles;
import dev.herald.channel.control.DeadLetters;
import dev.herald.channel.control.DeadLetters.DeadLetter;
import dev.herald.channel.control.DeadLetters.Filter;
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
@APIResponse(responseCode = "401", ref = "Unauthorized")
@APIResponse(responseCode = "403", ref = "Forbidden")
public class DeadLettersResource {
    @Inject
    DeadLetters deadLetters;

    @Inject
    RequestBodies bodies;

    @Inject
    JsonWebToken token;

    @GET
    @Operation(summary = "Dead letters, newest first (open ones unless resolved=true)")
    public JsonObject list(
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
        JsonArrayBuilder items = JsonFactory.PROVIDER.createArrayBuilder();
        deadLetters.list(filter(filter), resolved, max).forEach(l -> items.add(view(l)));
        return JsonFactory.PROVIDER.createObjectBuilder().add("items", items).build();
    }

    @POST
    @Path("replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Queue the matching open dead letters again")
    public JsonObject replay(String body) {
        int count = deadLetters.replay(selection(bodies.read(body, DeadLetterFilter.class)), Caller.of(token));
        return JsonFactory.PROVIDER.createObjectBuilder().add("replayed", count).build();
    }

    @POST
    @Path("discard")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Close the matching open dead letters without sending")
    public JsonObject discard(String body) {
        int count = deadLetters.discard(selection(bodies.read(body, DeadLetterFilter.class)), Caller.of(token));
        return JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("discarded", count)
                .build();
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

    private static JsonObject view(DeadLetter l) {
        JsonObjectBuilder json = JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("deliveryId", l.deliveryId())
                .add("notificationId", l.notificationId())
                .add("channel", l.channel())
                .add("recipient", l.recipient())
                .add("error", l.error())
                .add("attempts", l.attempts())
                .add("deadAt", l.deadAt().toString());
        JsonArrayBuilder attempts = JsonFactory.PROVIDER.createArrayBuilder();
        l.attemptLog().forEach(a -> attempts.add(DeliveriesResource.attempt(a)));
        json.add("attemptLog", attempts);
        if (l.resolution() != null) {
            json.add("resolution", l.resolution())
                    .add("resolvedAt", l.resolvedAt().toString())
                    .add("resolvedBy", l.resolvedBy());
        }
        return json.build();
    }
}
