package dev.herald.ops.control;

import dev.herald.event.control.IntakeSwitch;
import dev.herald.ops.entity.KafkaView;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

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

    @Resource(lookup = "jdbc/herald")
    DataSource dataSource;

    /** One look at the flow. */
    public record Snapshot(
            Instant at,
            IntakeSwitch.State intake,
            KafkaView kafka,
            List<InstanceReports.Report> instances,
            long parked,
            long deadLetters) {}

    /** Kafka is asked first, holding no database connection meanwhile (it may take seconds when Kafka is away). */
    public Snapshot look() throws SQLException {
        KafkaView kafkaView = kafka.look();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet counts = statement.executeQuery("SELECT (SELECT count(*) FROM parked_event),"
                        + " (SELECT count(*) FROM dead_letter WHERE resolution IS NULL)")) {
            counts.next();
            return new Snapshot(
                    clock.instant(), intake.state(), kafkaView, reports.recent(), counts.getLong(1), counts.getLong(2));
        }
    }
}
