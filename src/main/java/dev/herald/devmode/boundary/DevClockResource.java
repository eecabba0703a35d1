package dev.herald.devmode.boundary;

import dev.herald.Roles;
import dev.herald.platform.boundary.Problem;
import dev.herald.platform.boundary.ProblemException;
import dev.herald.platform.boundary.RequestBodies;
import dev.herald.platform.control.AdjustableClock;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/dev/clock} — DEV MODE ONLY ({@code herald.dev.clock.enabled=true}): moves this instance's clock
 * forward by {@code advanceSeconds}, so snoozes, holds and retention can be tried and tested without waiting. Role
 * admin; 404 when off.
 */
@Path("dev/clock")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Dev mode", description = "Only with HERALD_DEV_TOKENS_ENABLED / HERALD_DEV_CLOCK_ENABLED; 404 otherwise.")
@APIResponse(responseCode = "400", ref = "BadRequest")
@APIResponse(responseCode = "404", ref = "NotFound")
@SecurityRequirement(name = "jwt")
public class DevClockResource {
    @Inject
    AdjustableClock clock;

    @Inject
    RequestBodies bodies;

    @Inject
    @ConfigProperty(name = "herald.dev.clock.enabled", defaultValue = "false")
    boolean enabled;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "advanceDevClock",
            summary = "Move this instance's clock forward (dev mode only, role: admin)")
    @APIResponse(responseCode = "200", description = "The clock now.")
    public DevTime advance(String body) {
        if (!enabled) {
            throw new ProblemException(Problem.of(Response.Status.NOT_FOUND, "The dev clock is disabled."));
        }
        Duration offset = clock.advance(
                Duration.ofSeconds(bodies.read(body, Advance.class).advanceSeconds()));
        return new DevTime(clock.instant(), offset.toSeconds());
    }
}
