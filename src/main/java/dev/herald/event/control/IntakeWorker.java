package dev.herald.event.control;

import dev.herald.event.entity.IncomingRecord;
import dev.herald.platform.control.Backoff;
import dev.herald.platform.control.DatabaseProbe;
import dev.herald.platform.control.SchemaMigration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Gathers records from the consumer into batches and commits each batch in one transaction, then acknowledges its
 * records. A batch that fails while the database is unreachable is held and retried with backoff (nothing acked,
 * nothing parked); a batch that fails otherwise is retried record by record, so one bad record is parked with its
 * reason and the others are stored. The number of records in flight is bounded by the connector's
 * {@code unacked.limit}.
 */
@ApplicationScoped
public class IntakeWorker {
    private static final Logger LOG = Logger.getLogger(IntakeWorker.class.getName());

    @Inject
    EventIntake intake;

    @Inject
    SchemaMigration schema;

    @Inject
    DatabaseProbe database;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "herald.intake.batch-size", defaultValue = "500")
    int batchSize;

    @Inject
    @ConfigProperty(name = "herald.intake.linger-ms", defaultValue = "5")
    long lingerMs;

    private final BlockingQueue<IncomingRecord> queue = new LinkedBlockingQueue<>();
    private volatile boolean running;
    private Thread worker;

    @PostConstruct
    void start() {
        running = true;
        worker = threads.newThread(this::run);
        worker.setName("herald-intake");
        worker.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        worker.interrupt();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes a record for storing; it is acknowledged once its batch committed. */
    public void submit(IncomingRecord record) {
        queue.add(record);
    }

    public boolean alive() {
        return worker != null && worker.isAlive();
    }

    private void run() {
        while (running) {
            try {
                List<IncomingRecord> batch = nextBatch();
                if (!batch.isEmpty()) {
                    deliver(batch);
                }
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "Intake worker error; it carries on", e);
            }
        }
    }

    private List<IncomingRecord> nextBatch() throws InterruptedException {
        List<IncomingRecord> batch = new ArrayList<>();
        IncomingRecord first = queue.poll(500, TimeUnit.MILLISECONDS);
        if (first == null) {
            return batch;
        }
        batch.add(first);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(lingerMs);
        while (batch.size() < batchSize) {
            queue.drainTo(batch, batchSize - batch.size());
            long left = deadline - System.nanoTime();
            if (batch.size() >= batchSize || left <= 0) {
                break;
            }
            IncomingRecord next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return batch;
    }

    private void deliver(List<IncomingRecord> batch) throws InterruptedException {
        Backoff backoff = new Backoff();
        while (running) {
            try {
                schema.ensureMigrated();
                intake.process(batch);
                batch.forEach(record -> record.ack().run());
                return;
            } catch (RuntimeException e) {
                if (!transientFailure(e)) {
                    LOG.log(Level.WARNING, "A batch of " + batch.size() + " failed; retrying record by record", e);
                    break;
                }
                LOG.warning(() -> "Database unavailable; holding " + batch.size() + " records, retrying in "
                        + backoff.nextDelay() + ": " + Failures.rootMessage(e));
                backoff.pause();
            }
        }
        for (IncomingRecord record : batch) {
            deliverOne(record);
        }
    }

    private void deliverOne(IncomingRecord record) throws InterruptedException {
        Backoff backoff = new Backoff();
        while (running) {
            try {
                try {
                    intake.process(List.of(record));
                } catch (RuntimeException e) {
                    if (transientFailure(e)) {
                        throw e;
                    }
                    intake.park(record, "could not be stored: " + Failures.rootMessage(e));
                }
                record.ack().run();
                return;
            } catch (RuntimeException e) {
                LOG.warning(() -> "Cannot store or park record " + record.topic() + "/" + record.partition() + "@"
                        + record.offset() + "; retrying in " + backoff.nextDelay() + ": " + Failures.rootMessage(e));
                backoff.pause();
            }
        }
    }

    private boolean transientFailure(RuntimeException e) {
        return Failures.isTransient(e) || !database.reachable();
    }
}
