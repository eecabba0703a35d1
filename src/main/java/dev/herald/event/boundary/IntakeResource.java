package dev.herald.event.boundary;

import dev.herald.Roles;
import dev.herald.event.control.IntakeSwitch;
import dev.herald.platform.boundary.Caller;
import dev.herald.platform.boundary.RequestBodies;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET/POST /api/admin/intake}: pause and resume intake on every instance. While paused nothing is taken from
 * {@code herald.events} or committed, the lag grows, readiness stays up; on resume intake goes on from the committed
 * offsets, so nothing is lost.
 */
@Path("admin/intake")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "For operators (role: admin).")
@SecurityRequirement(name = "jwt")
public class IntakeResource {
    private static final Duration FOLLOW_WAIT = Duration.ofSeconds(5);

    @Inject
    IntakeSwitch intakeSwitch;

    @Inject
    EventsConsumer consumer;

    @Inject
    RequestBodies bodies;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Inject
    JsonWebToken token;

    @GET
    @Operation(operationId = "getIntake", summary = "Whether intake is paused, who changed it and when")
    @APIResponse(responseCode = "200", description = "{paused, changedBy, changedAt, thisInstance}")
    public IntakeState get() {
        return IntakeState.of(intakeSwitch.state(), consumer.state().isPaused());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "changeIntake",
            summary = "Pause or resume intake on every instance",
            description = "Body {\"paused\": true|false}. Answers once this instance follows (other instances follow"
                    + " within a second); thisInstance.paused says whether it did within 5 s.")
    @APIResponse(responseCode = "200", description = "{paused, changedBy, changedAt, thisInstance}")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    public CompletionStage<IntakeState> change(String body) {
        IntakeChange change = bodies.read(body, IntakeChange.class);
        IntakeSwitch.State state = intakeSwitch.turn(change.paused(), Caller.of(token));
        intakeSwitch.adopt(state); // committed
        // answered when this instance follows, without holding the request thread meanwhile
        // and on a container thread: the consumer's own thread completes the wait and goes back to Kafka at once
        return consumer.follows(change.paused(), FOLLOW_WAIT)
                .thenApplyAsync(
                        followed -> IntakeState.of(state, consumer.state().isPaused()), executor);
    }
}
