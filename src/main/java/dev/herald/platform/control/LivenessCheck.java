package dev.herald.platform.control;

import dev.herald.event.control.IntakeWorker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the intake worker runs; a dependency being down is readiness, not liveness. */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {
    @Inject
    IntakeWorker intake;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("herald-intake").status(intake.alive()).build();
    }
}
