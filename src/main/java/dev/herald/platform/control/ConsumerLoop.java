package dev.herald.platform.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * One Kafka consumer on its own thread that outlives every failure of Kafka. It gathers a batch (polls until the
 * batch is full or a short linger has passed), hands it to the handler, which returns only once the batch is
 * durably done, and then commits the batch's offsets (asynchronously; synchronously when partitions are revoked and
 * before the consumer closes): a crash anywhere redelivers, never skips. Nothing is in hand between batches, so a
 * rebalance can neither lose a record nor get one committed by two members. Whatever goes wrong (a broker gone, credentials or a certificate refused, a commit
 * timing out, a fenced member) closes the consumer and builds a new one after a backoff, until the cause is gone;
 * the {@link ConsumerState} says meanwhile what is wrong.
 */
public final class ConsumerLoop<V> {
    private static final Logger LOG = Logger.getLogger(ConsumerLoop.class.getName());

    /** Handles one polled batch; returns only when every record is stored or parked. */
    public interface BatchHandler<V> {
        void handle(List<ConsumerRecord<String, V>> records) throws InterruptedException;
    }

    private final String name;
    private final String topic;
    private final Supplier<Consumer<String, V>> consumers;
    private final BatchHandler<V> handler;
    private final boolean commit;
    private final Batches batches;
    private final Clock clock;
    private final HandledOffsets handled = new HandledOffsets();
    private volatile BooleanSupplier hold = () -> false;

    private final ConsumerState state;
    private final LogLimiter failures;
    private volatile boolean running = true;
    private volatile Consumer<String, V> current;
    private Thread thread;

    /**
     * @param commit whether to commit offsets after each batch (false for a consumer that always starts at the end)
     */
    public ConsumerLoop(
            String name,
            String topic,
            Supplier<Consumer<String, V>> consumers,
            BatchHandler<V> handler,
            boolean commit,
            Batches batches,
            Clock clock,
            Duration stallAfter) {
        this.name = name;
        this.topic = topic;
        this.consumers = consumers;
        this.handler = handler;
        this.commit = commit;
        this.batches = batches;
        this.clock = clock;
        this.state = new ConsumerState(name, clock, stallAfter);
        this.failures = new LogLimiter(LOG, Duration.ofMinutes(1), clock);
    }

    /**
     * While {@code hold} answers true the loop keeps its partitions paused: it stays in its group and polls (so
     * nothing times out), but takes no record, so nothing is handled or committed and the lag grows; buffered records
     * are dropped by the client and fetched again from the committed position on resume.
     */
    public void holdWhile(BooleanSupplier hold) {
        this.hold = hold;
    }

    public void start(ThreadFactory threads) {
        thread = threads.newThread(this::run);
        thread.setName("herald-consumer-" + name);
        thread.start();
    }

    /** Stops polling, lets the batch in hand finish or be interrupted, and leaves the group. */
    public void stop() {
        running = false;
        Consumer<String, V> consumer = current;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean alive() {
        return thread != null && thread.isAlive();
    }

    public ConsumerState state() {
        return state;
    }

    /** Readiness of this consumer: DOWN with the reason while it is not consuming. */
    public HealthCheckResponse readiness() {
        return state.readiness(alive());
    }

    /** Liveness: DOWN only when the thread has ended, since the loop recovers from everything else by itself. */
    public HealthCheckResponse liveness() {
        return HealthCheckResponse.named("kafka-consumer-" + name)
                .status(alive())
                .build();
    }

    private void run() {
        Backoff backoff = new Backoff();
        while (running) {
            Consumer<String, V> consumer = null;
            try {
                consumer = consumers.get();
                current = consumer;
                state.left();
                consumer.subscribe(List.of(topic), new Membership());
                consume(consumer, backoff);
            } catch (WakeupException e) {
                if (running) {
                    failed(e, backoff);
                }
            } catch (InterruptException | InterruptedException e) {
                // the container (or stop()) wants this thread gone: leave cleanly
                running = false;
            } catch (RuntimeException e) {
                failed(e, backoff);
            } finally {
                close(consumer);
            }
            if (running) {
                try {
                    backoff.pause();
                } catch (InterruptedException e) {
                    // interrupted while backing off: stop() asked the loop to end
                    return;
                }
            }
        }
    }

    private void consume(Consumer<String, V> consumer, Backoff backoff) throws InterruptedException {
        Instant observed = Instant.MIN;
        while (running) {
            applyHold(consumer);
            List<ConsumerRecord<String, V>> batch = batches.gather(consumer, () -> running);
            if (!batch.isEmpty()) {
                state.handling();
                handler.handle(batch);
                if (commit) {
                    handled.handled(batch);
                }
                state.handled(batch.size());
                backoff.reset();
                failures.reset();
            }
            if (commit) {
                handled.commitAsyncIfDue(consumer);
            }
            Instant now = clock.instant();
            if (now.isAfter(observed.plusSeconds(1))) {
                observed = now;
                // paused partitions are not fetched, so the client's own lag would stand still: ask the broker
                long lag = state.isPaused() ? ConsumerMetrics.lagFromBroker(consumer) : ConsumerMetrics.lag(consumer);
                state.observed(lag, ConsumerMetrics.heartbeatAge(consumer));
            }
        }
    }

    /** Pauses every assigned partition while held (a rebalance may have assigned new ones), resumes them after. */
    private void applyHold(Consumer<String, V> consumer) {
        boolean held = hold.getAsBoolean();
        if (held) {
            consumer.pause(consumer.assignment());
        } else if (state.isPaused()) {
            consumer.resume(consumer.paused());
        }
        if (held != state.isPaused()) {
            state.paused(held);
            LOG.info(() -> "Kafka consumer '" + name + "' on " + topic + (held ? " paused" : " resumed"));
        }
    }

    private void failed(RuntimeException e, Backoff backoff) {
        String reason = KafkaFailures.describe(e);
        state.failed(reason);
        failures.log(
                Level.WARNING,
                "Kafka consumer '" + name + "' on " + topic + " failed and starts again in " + backoff.nextDelay()
                        + ": " + reason);
    }

    private void close(Consumer<String, V> consumer) {
        if (consumer == null) {
            return;
        }
        current = null;
        boolean interrupted = Thread.interrupted(); // closing must not be cut short by the stop's interrupt
        handled.commitSync(consumer, null);
        handled.clear();
        try {
            // a static member that stays registered gets its partitions back at once when it comes back; only a
            // clean stop leaves, so the others take over without waiting for the session to time out
            consumer.close(CloseOptions.groupMembershipOperation(
                            running
                                    ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP
                                    : CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(3)));
        } catch (RuntimeException e) {
            LOG.fine(() -> "Closing Kafka consumer '" + name + "' failed: " + e);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Membership implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            state.joined(partitions.size());
            // runs inside poll() before anything is fetched: partitions a rebalance hands over while intake is held
            // are paused before the same poll could return their records
            Consumer<String, V> consumer = current;
            if (consumer != null && hold.getAsBoolean()) {
                consumer.pause(partitions);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // nothing is in hand between batches; make sure what was handled is committed before another member
            // takes these partitions, so it does not redeliver them (it would store nothing twice anyway)
            Consumer<String, V> consumer = current;
            if (consumer != null) {
                handled.commitSync(consumer, partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            handled.forget(partitions);
            state.left();
        }
    }
}
