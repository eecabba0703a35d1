package dev.herald.platform.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one way Herald runs work on a timer: each task runs with a fixed delay on the container's scheduler, only once
 * the schema is migrated (a database that was down at start-up is migrated by the first turn that reaches it), and a
 * turn that fails is logged, at most once a minute per task with how often it repeated, and tried again at the next
 * turn. Every task is cancelled at shutdown. The work itself reads its rows, not this instance's memory, so a restart
 * loses nothing.
 */
@ApplicationScoped
public class Periodic {
    /** One turn of periodic work. */
    public interface Task {
        void run() throws Exception;
    }

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject
    SchemaMigration schema;

    @Inject
    Clock clock;

    private final List<ScheduledFuture<?>> scheduled = new CopyOnWriteArrayList<>();

    /**
     * Runs {@code task} after {@code first}, then {@code every} after each turn ends. {@code what} names the work in
     * the failure log line ("Purging old deliveries failed; next turn in 60 min: ...").
     */
    public void every(Duration first, Duration every, String what, Logger log, Task task) {
        Runnable turn = guarded(every, what, log, () -> {
            schema.ensureMigrated();
            task.run();
        });
        scheduled.add(
                scheduler.scheduleWithFixedDelay(turn, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS));
    }

    /**
     * A beat for work that needs no database (pings, probes): runs {@code task} at a fixed rate from now, whatever
     * the schema, with the same failure log.
     */
    public void beat(Duration every, String what, Logger log, Task task) {
        scheduled.add(scheduler.scheduleAtFixedRate(
                guarded(every, what, log, task), 0, every.toMillis(), TimeUnit.MILLISECONDS));
    }

    private Runnable guarded(Duration every, String what, Logger log, Task task) {
        LogLimiter failures = new LogLimiter(log, Duration.ofMinutes(1), clock);
        return () -> {
            try {
                task.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                failures.log(
                        Level.WARNING, what + " failed; next turn in " + text(every) + ": " + RootCause.message(e));
            }
        };
    }

    private static String text(Duration every) {
        return every.toMinutes() >= 1 && every.toSecondsPart() == 0
                ? every.toMinutes() + " min"
                : every.toMillis() % 1000 == 0 ? every.toSeconds() + " s" : every.toMillis() + " ms";
    }

    /**
     * Cancels every task as the application begins to stop, before any bean is destroyed: a turn that ran later would
     * call beans already gone. Also at this bean's own end, in case it was created after that event.
     */
    void beforeStop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object ignored) {
        stop();
    }

    @PreDestroy
    void stop() {
        scheduled.forEach(turn -> turn.cancel(false));
    }
}
