package dev.herald.event.boundary;

import static java.util.concurrent.CompletableFuture.completedFuture;

import dev.herald.Roles;
import dev.herald.event.control.EventIntake;
import dev.herald.event.control.EventPublisher;
import dev.herald.event.entity.AcceptedEvent;
import dev.herald.event.entity.CloudEvent;
import dev.herald.event.entity.InvalidEventException;
import dev.herald.platform.boundary.Problem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/events}: publishes one CloudEvent (structured JSON) to {@code herald.events}. Answers 202 once
 * the broker has acknowledged it; 400 problem+json for an event intake would refuse, with an {@code errors} list of
 * {@code {pointer, detail}} (JSON pointers into the event); 503 if Kafka does not acknowledge in time.
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
                            accepted.type().silent()))
                    .type(MediaType.APPLICATION_JSON)
                    .build();
        });
    }
}
