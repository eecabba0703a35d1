package dev.herald.event.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Intake's metrics (MicroProfile Metrics, served at {@code /metrics}): batches with their commit time as a
 * histogram, records taken, records parked. The console's per-instance rates are read from the same meters.
 */
@ApplicationScoped
public class IntakeMeter {
    @Inject
    MetricRegistry registry;

    private Timer batches;
    private Counter records;
    private Counter parked;

    @PostConstruct
    void register() {
        batches = registry.timer(Metadata.builder()
                .withName("herald.intake.batch")
                .withDescription("Intake batches: the time from taking a batch to its commit")
                .withUnit(MetricUnits.SECONDS)
                .build());
        records = registry.counter(Metadata.builder()
                .withName("herald.intake.records")
                .withDescription("Records intake took from Kafka (stored or parked)")
                .build());
        parked = registry.counter(Metadata.builder()
                .withName("herald.intake.parked")
                .withDescription("Records intake parked as unusable")
                .build());
    }

    public void batch(int size, Duration took) {
        batches.update(took);
        records.inc(size);
    }

    public void parked(int count) {
        if (count > 0) {
            parked.inc(count);
        }
    }

    public long batches() {
        return batches.getCount();
    }

    public long records() {
        return records.getCount();
    }

    /** The time all batches took together. */
    public Duration batchTime() {
        return batches.getElapsedTime();
    }
}
