package dev.herald.ops.control;

import dev.herald.channel.control.DeadLetters;
import dev.herald.event.control.IntakeSwitch;
import dev.herald.event.control.ParkedEvents;
import dev.herald.ops.entity.KafkaView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The whole flow at one moment, for the console: Kafka's view, every instance's report, the switch, the backlogs. */
@ApplicationScoped
public class Flow {
    private static final ParkedEvents.Filter EVERY_PARKED_RECORD = new ParkedEvents.Filter(null, null, null, null);

    @Inject
    KafkaFlow kafka;

    @Inject
    InstanceReports reports;

    @Inject
    IntakeSwitch intake;

    @Inject
    Clock clock;

    @Inject
    ParkedEvents parkedEvents;

    @Inject
    DeadLetters deadLetters;

    /** One look at the flow. */
    public record Snapshot(
            Instant at,
            IntakeSwitch.State intake,
            KafkaView kafka,
            List<InstanceReports.Report> instances,
            long parked,
            long deadLetters) {}

    /**
     * Kafka is asked first, holding no database connection meanwhile (it may take seconds when Kafka is away); then the
     * backlogs, each of the feature that owns it.
     */
    public Snapshot look() throws SQLException {
        KafkaView kafkaView = kafka.look();
        long parked = parkedEvents.count(EVERY_PARKED_RECORD);
        long open = deadLetters.openCount();
        return new Snapshot(clock.instant(), intake.state(), kafkaView, reports.recent(), parked, open);
    }
}
