package dev.herald.channel.control;

import dev.herald.channel.control.DueDeliveries.Dead;
import dev.herald.channel.control.DueDeliveries.Due;
import dev.herald.platform.control.HealingProducer;
import dev.herald.platform.control.JsonFactory;
import dev.herald.platform.control.KafkaSettings;
import dev.herald.platform.control.LogLimiter;
import dev.herald.platform.control.Periodic;
import dev.herald.platform.control.RootCause;
import dev.herald.preference.entity.Channel;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The outbox relay, on every instance: every {@code herald.channel.relay-poll-ms} it publishes the committed
 * deliveries that are due, of each channel with a configured provider, to {@code herald.channel.<channel>} (keyed by user, the value is the delivery id), starts
 * the digests due, and publishes new dead letters to {@code herald.channel.dlq}. A row is marked published only once
 * Kafka acknowledged it, in the same transaction that held it; a crash in between publishes it again, and the
 * worker takes a delivery only while it is queued, so nothing is sent twice because of it.
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class.getName());
    private static final int ROUND = 500;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Inject
    Periodic periodic;

    @Inject
    DueDeliveries due;

    @Inject
    DueSteps steps;

    @Inject
    Providers providers;

    @Inject
    ChannelSettings settings;

    @Inject
    KafkaSettings kafka;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "herald.topic.channel-prefix", defaultValue = "herald.channel.")
    String prefix;

    @Inject
    @ConfigProperty(name = "herald.topic.dlq", defaultValue = "herald.channel.dlq")
    String dlqTopic;

    private HealingProducer<String> producer;
    private LogLimiter failures;
    private volatile String problem;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        failures = new LogLimiter(LOG, Duration.ofMinutes(1), clock);
        producer = new HealingProducer<>(
                "the outbox relay",
                dlqTopic,
                () -> kafka.producer(
                        "herald-channel-relay",
                        Map.of(
                                ProducerConfig.ACKS_CONFIG, "all",
                                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                                ProducerConfig.LINGER_MS_CONFIG, "1",
                                ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000",
                                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000",
                                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000")),
                scheduler,
                clock);
        Duration every = Duration.ofMillis(settings.relayPollMillis());
        periodic.every(every, every, "The outbox relay", LOG, this::relayAll);
    }

    @PreDestroy
    void stop() {
        if (producer != null) {
            producer.close();
        }
    }

    /** What keeps the relay from publishing, if anything (for readiness). */
    public String problem() {
        String relay = problem;
        String publishing = producer == null ? null : producer.problem();
        return relay != null ? relay : publishing;
    }

    void relayAll() {
        List<String> problems = new ArrayList<>();
        DueDeliveries.Pending pending;
        try {
            pending = due.pending(clock.instant(), settings.lease());
        } catch (RuntimeException e) {
            // not knowing what is pending, try every part: each meets the same failure and reports it below
            pending = new DueDeliveries.Pending(true, true, true, true);
        }
        boolean released = false;
        if (pending.steps()) {
            int[] taken = {0};
            attempt("workflow steps", problems, () -> {
                int round;
                do {
                    round = steps.release(clock.instant(), ROUND);
                    taken[0] += round;
                } while (round == ROUND);
            });
            released = taken[0] > 0;
        }
        if (pending.digests()) {
            attempt("digests", problems, () -> {
                while (due.startDigests(clock.instant(), ROUND) == ROUND) {
                    // more digests are due
                }
            });
        }
        // each channel on its own: a topic that refuses records holds back only its own channel
        for (Channel channel : Channel.values()) {
            if ((pending.deliveries() || pending.digests() || released)
                    && channel != Channel.IN_APP
                    && providers.enabled(channel)) {
                attempt(channel.wire(), problems, () -> {
                    while (due.relay(channel.wire(), clock.instant(), settings.lease(), ROUND, this::publishDue)
                            == ROUND) {
                        // a full round: more may be due
                    }
                });
            }
        }
        if (pending.deadLetters()) {
            attempt("dead letters", problems, () -> {
                while (due.relayDead(clock.instant(), ROUND, this::publishDead) == ROUND) {
                    // a full round: more may be waiting
                }
            });
        }
        if (problems.isEmpty() && problem != null) {
            LOG.info("The outbox relay publishes again");
            failures.reset();
        }
        problem = problems.isEmpty() ? null : "the outbox relay cannot publish " + String.join("; ", problems);
    }

    private void attempt(String what, List<String> problems, Runnable round) {
        try {
            round.run();
        } catch (RuntimeException e) {
            problems.add(what + ": " + RootCause.message(e));
            failures.log(
                    Level.WARNING, "The outbox relay failed for " + what + "; trying again: " + RootCause.message(e));
        }
    }

    private void publishDue(List<Due> rows) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
        for (Due row : rows) {
            sent.add(producer.send(new ProducerRecord<>(prefix + row.channel(), row.recipient(), row.id())));
        }
        await(sent);
    }

    private void publishDead(List<Dead> rows) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
        for (Dead row : rows) {
            String json = JsonFactory.PROVIDER
                    .createObjectBuilder()
                    .add("deliveryId", row.deliveryId())
                    .add("channel", row.channel())
                    .add("recipient", row.recipient())
                    .add("error", row.error())
                    .add("deadAt", row.deadAt().toString())
                    .build()
                    .toString();
            sent.add(producer.send(new ProducerRecord<>(dlqTopic, row.recipient(), json)));
        }
        await(sent);
    }

    private static void await(List<Future<RecordMetadata>> sent) {
        try {
            for (Future<RecordMetadata> each : sent) {
                each.get(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge: " + RootCause.message(e), e);
        }
    }
}
