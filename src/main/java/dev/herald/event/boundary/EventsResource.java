package dev.herald.event.boundary;

import static java.util.concurrent.CompletableFuture.completedFuture;

import dev.herald.Roles;
import dev.herald.event.control.EventIntake;
import dev.herald.event.control.EventPublisher;
import dev.herald.event.control.ScheduledEvents;
import dev.herald.event.entity.AcceptedEvent;
import dev.herald.event.entity.CloudEvent;
import dev.herald.event.entity.InvalidEventException;
import dev.herald.platform.boundary.Caller;
import dev.herald.platform.boundary.Problem;
import dev.herald.platform.control.AuditTrail;
import dev.herald.platform.control.JsonFactory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/events}: publishes one CloudEvent (structured JSON) to {@code herald.events}. Answers 202 once
 * the broker has acknowledged it; 400 problem+json for an event intake would refuse, with an {@code errors} list of
 * {@code {pointer, detail}} (JSON pointers into the event); 503 if Kafka does not acknowledge in time.
 * {@code DELETE /api/events?source=&id=} cancels an event held for its {@code deliverat}.
 */
@Path("events")
@RolesAllowed(Roles.PUBLISHER)
@Tag(name = "Events", description = "Publishing events and the catalog of event types.")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "400", ref = "BadRequest")
public class EventsResource {

    @Inject
    EventIntake intake;

    @Inject
    EventPublisher publisher;

    @Inject
    ScheduledEvents scheduled;

    @Inject
    AuditTrail audit;

    @Inject
    JsonWebToken token;

    @Inject
    Clock clock;

    @POST
    @Consumes({"application/cloudevents+json", MediaType.APPLICATION_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "publishEvents",
            summary = "Publish a CloudEvent (role: publisher)",
            description = "Structured mode (application/cloudevents+json or application/json). Checked against the"
                    + " catalog and the type's JSON Schema; 202 once Kafka has it. Retrying with the same id is safe.")
    @RequestBody(ref = "CloudEvent")
    @APIResponse(responseCode = "202", ref = "EventAccepted")
    @APIResponse(responseCode = "413", description = "Larger than HERALD_EVENTS_MAX_BYTES.")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public CompletionStage<Response> publish(String body) {
        if (body != null && body.length() > intake.maxBytes()) {
            return completedFuture(
                    Problem.of(413, "Content Too Large", "An event may be at most " + intake.maxBytes() + " bytes.")
                            .toResponse());
        }
        AcceptedEvent accepted;
        try {
            accepted = intake.check(body);
        } catch (InvalidEventException e) {
            return completedFuture(Problem.invalid(
                            e.getMessage(),
                            e.violations().stream()
                                    .map(v -> new Problem.FieldError(v.pointer(), v.detail()))
                                    .toList())
                    .toResponse());
        }
        CloudEvent event = accepted.event();
        return publisher.publish(accepted.partitionKey(), body).handle((ok, failure) -> {
            if (failure != null) {
                // EventPublisher logged it (at most once a minute)
                return Problem.of(Response.Status.SERVICE_UNAVAILABLE, "Kafka did not acknowledge the event; retry.")
                        .toResponse();
            }
            return Response.accepted(new Accepted(
                            event.id(),
                            event.source(),
                            event.type(),
                            accepted.recipients().size(),
                            accepted.type().silent(),
                            event.deliverAt()))
                    .type(MediaType.APPLICATION_JSON)
                    .build();
        });
    }

    @DELETE
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "cancelScheduledEvent",
            summary = "Cancel a scheduled event (role: publisher)",
            description = "An event published with a future deliverat is held until then; this cancels it by source"
                    + " and id: 204 when it was held (it never reaches an inbox or a channel), 202 when Herald has not"
                    + " taken it from Kafka yet (it is dropped when it arrives with a deliverat still ahead), 409 when"
                    + " it already fired. Cancelling twice is fine. Audited.")
    @APIResponse(responseCode = "204", description = "Cancelled: it will not fire.")
    @APIResponse(responseCode = "202", description = "Not here yet: dropped when it arrives.")
    @APIResponse(responseCode = "409", description = "It fired already.")
    public Response cancel(
            @Parameter(description = "The event's source.", required = true) @QueryParam("source") String source,
            @Parameter(description = "The event's id.", required = true) @QueryParam("id") String id) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (source == null || source.isBlank() || source.length() > 500) {
            errors.add(new Problem.FieldError("source", "is required (at most 500 characters)"));
        }
        if (id == null || id.isBlank() || id.length() > 200) {
            errors.add(new Problem.FieldError("id", "is required (at most 200 characters)"));
        }
        if (!errors.isEmpty()) {
            return Problem.invalid("Name the event to cancel by its source and id.", errors)
                    .toResponse();
        }
        String actor = Caller.of(token);
        ScheduledEvents.Cancelled outcome = scheduled.cancel(source, id, actor, clock.instant());
        audit.record(
                actor,
                "event.cancel",
                source + " " + id,
                JsonFactory.PROVIDER
                        .createObjectBuilder()
                        .add("outcome", outcome.name().toLowerCase(Locale.ROOT))
                        .build());
        return switch (outcome) {
            case CANCELLED -> Response.noContent().build();
            case AHEAD -> Response.accepted().build();
            case FIRED -> Problem.of(Response.Status.CONFLICT, "The event fired already; it cannot be cancelled.")
                    .toResponse();
        };
    }
}
