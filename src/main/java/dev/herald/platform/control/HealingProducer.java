package dev.herald.platform.control;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * A Kafka producer that heals itself. A producer that met refused credentials, an untrusted certificate or expired
 * batches can stay broken after the cause is fixed (an idempotent producer that failed to get its id keeps failing;
 * a TLS context keeps the trust it was built with), so after any failure that is not the record's own fault it is
 * replaced by a new one, built from the current settings and files, and asked for the topic's partitions (which
 * connects, authenticates and reads metadata); that repeats, with backoff from 1 to 15 s, until one answers. Meanwhile
 * {@link #problem()} says why Herald cannot publish, for readiness.
 */
public final class HealingProducer<V> implements AutoCloseable {
    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(15);

    private final String name;
    private final String topic;
    private final Supplier<Producer<String, V>> factory;
    private final ScheduledExecutorService scheduler;
    private final LogLimiter log;
    private volatile Producer<String, V> producer;
    private volatile String problem;
    private boolean healing;
    private Duration pause = FIRST_PAUSE;
    private boolean closed;

    /**
     * @param name what the producer publishes, for readiness and the log ("the REST publisher")
     * @param topic a topic it publishes to, whose partitions a new producer is asked for
     * @param factory builds a producer from the current settings
     * @param scheduler runs the replacements, never on a producer's own thread
     */
    public HealingProducer(
            String name,
            String topic,
            Supplier<Producer<String, V>> factory,
            ScheduledExecutorService scheduler,
            Clock clock) {
        this.name = name;
        this.topic = topic;
        this.factory = factory;
        this.scheduler = scheduler;
        this.log = new LogLimiter(Logger.getLogger(HealingProducer.class.getName()), Duration.ofMinutes(1), clock);
        this.producer = factory.get();
        // a producer that cannot reach its topic at start says so too, before anything is sent
        Producer<String, V> first = producer;
        scheduler.execute(() -> {
            try {
                first.partitionsFor(topic);
            } catch (RuntimeException e) {
                failed(first, e);
            }
        });
    }

    /** Sends like {@link Producer#send(ProducerRecord, Callback)}; a failure also starts the healing. */
    public Future<RecordMetadata> send(ProducerRecord<String, V> record, Callback callback) {
        Producer<String, V> current = producer;
        try {
            return current.send(record, (metadata, failure) -> {
                if (failure != null) {
                    failed(current, failure);
                }
                if (callback != null) {
                    callback.onCompletion(metadata, failure);
                }
            });
        } catch (RuntimeException e) {
            failed(current, e);
            throw e;
        }
    }

    public Future<RecordMetadata> send(ProducerRecord<String, V> record) {
        return send(record, null);
    }

    /** Readiness named {@code check}: DOWN with the reason while this producer cannot publish. */
    public HealthCheckResponse readiness(String check) {
        String now = problem;
        var response = HealthCheckResponse.named(check).status(now == null).withData("publishing", now == null);
        if (now != null) {
            response.withData("error", now);
        }
        return response.build();
    }

    /** Why this producer cannot publish now, in words, or null while it can. */
    public String problem() {
        return problem;
    }

    public String name() {
        return name;
    }

    private void failed(Producer<String, V> failedProducer, Exception failure) {
        if (recordsOwnFault(failure)) {
            return;
        }
        synchronized (this) {
            if (closed || failedProducer != producer) {
                return; // an older producer's records, failing as it is closed: already being healed
            }
            problem = name + " cannot publish: " + KafkaFailures.describe(failure);
            log.log(Level.WARNING, problem + "; a new producer will try again");
            if (!healing) {
                healing = true;
                scheduler.schedule(this::heal, pause.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Replaces the producer, and goes on replacing it with backoff until a new one reaches the topic. */
    private void heal() {
        Producer<String, V> fresh;
        Producer<String, V> old;
        try {
            fresh = factory.get();
        } catch (RuntimeException e) {
            retryLater(name + " cannot publish: " + KafkaFailures.describe(e));
            return;
        }
        synchronized (this) {
            if (closed) {
                fresh.close(Duration.ZERO);
                return;
            }
            old = producer;
            producer = fresh;
        }
        old.close(Duration.ZERO);
        try {
            fresh.partitionsFor(topic);
        } catch (RuntimeException e) {
            retryLater(name + " cannot publish: " + KafkaFailures.describe(e));
            return;
        }
        synchronized (this) {
            healing = false;
            pause = FIRST_PAUSE;
            if (problem != null) {
                Logger.getLogger(HealingProducer.class.getName())
                        .info(name + " publishes again (a new producer reached " + topic + ")");
                log.reset();
            }
            problem = null;
        }
    }

    private synchronized void retryLater(String why) {
        problem = why;
        log.log(Level.WARNING, why + "; trying again in " + pause.toSeconds() + " s");
        if (closed) {
            return;
        }
        Duration next = pause;
        pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
        scheduler.schedule(this::heal, next.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A failure that a new producer would meet again for the same record: not the producer's. */
    private static boolean recordsOwnFault(Exception failure) {
        return failure instanceof RecordTooLargeException
                || failure instanceof RecordBatchTooLargeException
                || failure instanceof InvalidRecordException
                || failure instanceof SerializationException;
    }

    @Override
    public void close() {
        Producer<String, V> last;
        synchronized (this) {
            closed = true;
            last = producer;
        }
        last.close(Duration.ofSeconds(5));
    }
}
