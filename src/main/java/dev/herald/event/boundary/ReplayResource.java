package dev.herald.event.boundary;

import dev.herald.Roles;
import dev.herald.event.control.WindowReplay;
import dev.herald.platform.boundary.Caller;
import dev.herald.platform.boundary.Instants;
import dev.herald.platform.boundary.Problem;
import dev.herald.platform.boundary.ProblemException;
import dev.herald.platform.boundary.RequestBodies;
import dev.herald.platform.control.AuditTrail;
import dev.herald.platform.control.JsonFactory;
import dev.herald.platform.control.RootCause;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.apache.kafka.common.KafkaException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/admin/replay}: runs the events of {@code herald.events} published between two instants through
 * intake again (optionally for one user or one type). Intake is idempotent, so what is stored stays as it is; the
 * answer says how many events were stored anew and how many were present already.
 */
@Path("admin/replay")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "For operators (role: admin).")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "400", ref = "BadRequest")
public class ReplayResource {
    @Inject
    WindowReplay replay;

    @Inject
    RequestBodies bodies;

    @Inject
    AuditTrail audit;

    @Inject
    JsonWebToken token;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "replayEvents",
            summary = "Replay a time window of herald.events through intake",
            description = "Body {\"from\", \"to\", \"user\"?, \"type\"?}; by the records' Kafka timestamps. Answers"
                    + " {scanned, matched, restored, present, invalid}: records read, events that matched, of them"
                    + " stored anew and already present, and records intake could not use (not parked again).")
    @APIResponse(responseCode = "200", description = "What the replay did.")
    public WindowReplay.Result replay(String body) {
        ReplayRequest request = bodies.read(body, ReplayRequest.class);
        Instants.bodyInstant("/from", request.from());
        Instants.bodyInstant("/to", request.to());
        if (!request.to().isAfter(request.from())) {
            throw new ProblemException(Problem.invalid(
                    "The window is empty.", List.of(new Problem.FieldError("/to", "must be after from"))));
        }
        JsonObjectBuilder details = JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("from", request.from().toString())
                .add("to", request.to().toString());
        if (request.user() != null) {
            details.add("user", request.user());
        }
        if (request.type() != null) {
            details.add("type", request.type());
        }
        String actor = Caller.of(token);
        WindowReplay.Result result;
        try {
            result = replay.replay(request.from(), request.to(), request.user(), request.type());
        } catch (WindowReplay.TooLargeException e) {
            throw new ProblemException(Problem.of(Response.Status.BAD_REQUEST, e.getMessage()));
        } catch (KafkaException | WindowReplay.StalledException e) {
            // batches replayed before the failure stay stored: the trail says the replay was cut short
            audit.record(
                    actor,
                    "events.replay",
                    "herald.events",
                    details.add("failed", RootCause.message(e)).build());
            throw new ProblemException(Problem.of(
                    Response.Status.SERVICE_UNAVAILABLE,
                    "Kafka could not be read: " + RootCause.message(e)
                            + ". What was replayed before stays; replaying the window again is safe."));
        }
        audit.record(
                actor,
                "events.replay",
                "herald.events",
                details.add("result", JsonFactory.bound(result)).build());
        return result;
    }
}
