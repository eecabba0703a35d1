package dev.herald.event.control;

import dev.herald.platform.control.AuditTrail;
import dev.herald.platform.control.JsonFactory;
import dev.herald.platform.control.Periodic;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Whether intake is paused, for every instance: an operator's switch kept in PostgreSQL ({@code intake_control}),
 * which each instance reads every second. Until this instance has read it once, intake holds too, so an instance
 * started while intake is paused takes nothing.
 */
@ApplicationScoped
public class IntakeSwitch {
    private static final Logger LOG = Logger.getLogger(IntakeSwitch.class.getName());

    /** The switch as last read: paused or not, who changed it and when, and how many changes it has seen. */
    public record State(boolean paused, String changedBy, Instant changedAt, long version) {}

    @Inject
    Periodic periodic;

    @Resource(lookup = "jdbc/herald")
    DataSource dataSource;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    private volatile State state;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        periodic.every(
                Duration.ZERO,
                Duration.ofSeconds(1),
                "Reading whether intake is paused (the last state is kept)",
                LOG,
                this::refresh);
    }

    /** Whether intake must hold now: paused, or not known yet. */
    public boolean holding() {
        State current = state;
        return current == null || current.paused();
    }

    /** The switch as last read; empty-handed (running, unknown) before the first read. */
    public State state() {
        State current = state;
        return current == null ? new State(false, null, null, -1) : current;
    }

    /** Turns the switch, records who did it in the audit trail, and answers the new state. */
    @Transactional
    public State turn(boolean paused, String actor) {
        Instant now = clock.instant();
        long version = ((Number) em.createNativeQuery("UPDATE intake_control SET paused = ?1, changed_by = ?2,"
                                + " changed_at = ?3, version = version + 1 WHERE id = 1 RETURNING version")
                        .setParameter(1, paused)
                        .setParameter(2, actor)
                        .setParameter(3, Timestamp.from(now))
                        .getSingleResult())
                .longValue();
        audit.record(
                actor,
                paused ? "intake.pause" : "intake.resume",
                "intake",
                JsonFactory.PROVIDER.createObjectBuilder().add("paused", paused).build());
        return new State(paused, actor, now, version);
    }

    /**
     * Follows a switch this instance turned, once its transaction committed, without waiting for the next read; the
     * other instances follow within a second of the commit.
     */
    public void adopt(State turned) {
        state = turned;
    }

    void refresh() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT paused, changed_by, changed_at, version FROM intake_control WHERE id = 1")) {
            if (row.next()) {
                Timestamp at = row.getTimestamp(3);
                State read = new State(
                        row.getBoolean(1), row.getString(2), at == null ? null : at.toInstant(), row.getLong(4));
                State before = state;
                if (before != null && read.version() < before.version()) {
                    return; // read before this instance's own change committed
                }
                if (before == null || before.paused() != read.paused()) {
                    LOG.info(() -> "Intake is " + (read.paused() ? "paused" : "running")
                            + (read.changedBy() == null ? "" : " (changed by " + read.changedBy() + ")"));
                }
                state = read;
            }
        }
    }
}
