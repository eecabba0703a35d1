package dev.herald.event.control;

import dev.herald.event.entity.IncomingRecord;
import dev.herald.platform.control.Backoff;
import dev.herald.platform.control.DatabaseProbe;
import dev.herald.platform.control.RootCause;
import dev.herald.platform.control.SchemaMigration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Works one polled batch through intake: commits it in one transaction and returns, so the consumer commits its
 * offsets only after that. A batch that fails while the database is unreachable is held and retried with backoff
 * (nothing committed, nothing parked); a batch that fails otherwise is retried record by record, so one bad record is
 * parked with its reason and the others are stored.
 */
@ApplicationScoped
public class IntakeWorker {
    private static final Logger LOG = Logger.getLogger(IntakeWorker.class.getName());

    @Inject
    EventIntake intake;

    @Inject
    IntakeMeter meter;

    @Inject
    SchemaMigration schema;

    @Inject
    DatabaseProbe database;

    /** Returns once every record of the batch is stored or parked; throws only when interrupted (shutdown). */
    public void handle(List<IncomingRecord> batch) throws InterruptedException {
        Backoff backoff = new Backoff();
        while (true) {
            try {
                schema.ensureMigrated();
                meter.parked(intake.process(batch).parked()); // counted once committed
                return;
            } catch (RuntimeException e) {
                if (!transientFailure(e)) {
                    LOG.log(Level.WARNING, "A batch of " + batch.size() + " failed; retrying record by record", e);
                    break;
                }
                LOG.warning(() -> "Database unavailable; holding " + batch.size() + " records, retrying in "
                        + backoff.nextDelay() + ": " + RootCause.message(e));
                backoff.pause();
            }
        }
        for (IncomingRecord record : batch) {
            handleOne(record);
        }
    }

    private void handleOne(IncomingRecord record) throws InterruptedException {
        Backoff backoff = new Backoff();
        while (true) {
            try {
                try {
                    meter.parked(intake.process(List.of(record)).parked());
                } catch (RuntimeException e) {
                    if (transientFailure(e)) {
                        throw e;
                    }
                    intake.park(record, "could not be stored: " + RootCause.message(e));
                    meter.parked(1);
                }
                return;
            } catch (RuntimeException e) {
                LOG.warning(() -> "Cannot store or park record " + record.topic() + "/" + record.partition() + "@"
                        + record.offset() + "; retrying in " + backoff.nextDelay() + ": " + RootCause.message(e));
                backoff.pause();
            }
        }
    }

    private boolean transientFailure(RuntimeException e) {
        return Failures.isTransient(e) || !database.reachable();
    }
}
