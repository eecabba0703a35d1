package dev.herald.channel.control;

import dev.herald.platform.control.Periodic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Gauges of the workflow steps: deliveries waiting for each step ({@code herald.workflow.pending{step}}) and how long
 * the oldest one due has waited past its time ({@code herald.workflow.overdue.seconds}: above a few seconds, the step
 * runner falls behind). Counted every 15 s with one statement over the partial index, not per scrape; every instance
 * reports the same global figures, so alerts take the maximum.
 */
@ApplicationScoped
public class StepGauges {
    private static final Logger LOG = Logger.getLogger(StepGauges.class.getName());
    static final List<String> STEPS = List.of("delay", "batch", "fallback", "throttle");

    @Inject
    DueSteps steps;

    @Inject
    MetricRegistry registry;

    @Inject
    Periodic periodic;

    @Inject
    Clock clock;

    private final Map<String, Long> pending = new ConcurrentHashMap<>();
    private volatile double overdueSeconds;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        for (String step : STEPS) {
            pending.put(step, 0L);
            registry.gauge(
                    Metadata.builder()
                            .withName("herald.workflow.pending")
                            .withDescription("Deliveries a workflow step holds, by step")
                            .build(),
                    pending,
                    counts -> counts.getOrDefault(step, 0L),
                    new Tag("step", step));
        }
        registry.gauge(
                Metadata.builder()
                        .withName("herald.workflow.overdue.seconds")
                        .withDescription("How long the oldest due workflow step has waited past its time")
                        .build(),
                this,
                gauges -> gauges.overdueSeconds);
        periodic.every(Duration.ofSeconds(1), Duration.ofSeconds(15), "Counting workflow steps", LOG, this::count);
    }

    void count() {
        DueSteps.Counts counts = steps.counts(clock.instant());
        for (String step : STEPS) {
            pending.put(step, counts.pending().getOrDefault(step, 0L));
        }
        overdueSeconds = counts.overdueSeconds();
    }
}
