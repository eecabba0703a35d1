package dev.herald.ops.control;

import dev.herald.event.control.IntakeSwitch;
import dev.herald.ops.entity.KafkaView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The whole flow at one moment, for the console: Kafka's view, every instance's report, the switch, the backlogs. */
@ApplicationScoped
public class Flow {
    @Inject
    KafkaFlow kafka;

    @Inject
    InstanceReports reports;

    @Inject
    IntakeSwitch intake;

    @Inject
    Clock clock;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** One look at the flow. */
    public record Snapshot(
            Instant at,
            IntakeSwitch.State intake,
            KafkaView kafka,
            List<InstanceReports.Report> instances,
            long parked,
            long deadLetters) {}

    @Transactional
    public Snapshot look() throws SQLException {
        Object[] counts = (Object[]) em.createNativeQuery("SELECT (SELECT count(*) FROM parked_event),"
                        + " (SELECT count(*) FROM dead_letter WHERE resolution IS NULL)")
                .getSingleResult();
        return new Snapshot(
                clock.instant(),
                intake.state(),
                kafka.look(),
                reports.recent(),
                ((Number) counts[0]).longValue(),
                ((Number) counts[1]).longValue());
    }
}
