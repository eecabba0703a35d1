package dev.herald.platform.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every topic Herald needs, and whether Kafka has them: at start, the missing ones are created when
 * {@code herald.topics.create} allows it (on in the embedded default; a cluster's operators often create topics
 * themselves), else readiness names exactly which are missing. Looked at again by readiness while any is missing.
 */
@ApplicationScoped
public class KafkaTopics {
    private static final Logger LOG = Logger.getLogger(KafkaTopics.class.getName());
    private static final long TIMEOUT_SECONDS = 5;
    private static final Duration RECHECK_WHILE_MISSING = Duration.ofSeconds(5);

    /** One topic Herald needs, as it would create it. */
    public record Spec(String name, String purpose, int partitions, short replication, Duration retention) {}

    /** One topic as Kafka has it. */
    public record Found(String name, int partitions, int replication) {}

    /** What the last look found: the topics present, those missing, those this instance created, or why it could not look. */
    public record Status(List<Found> present, List<String> missing, List<String> created, String error) {
        public boolean complete() {
            return error == null && missing.isEmpty();
        }
    }

    @Inject
    KafkaSettings kafka;

    @Inject
    @ConfigProperty(name = "herald.topic.events", defaultValue = "herald.events")
    String eventsTopic;

    @Inject
    @ConfigProperty(name = "herald.topic.deliveries", defaultValue = "herald.deliveries")
    String deliveriesTopic;

    @Inject
    @ConfigProperty(name = "herald.topic.channel-prefix", defaultValue = "herald.channel.")
    String channelPrefix;

    @Inject
    @ConfigProperty(name = "herald.topic.dlq", defaultValue = "herald.channel.dlq")
    String dlqTopic;

    @Inject
    @ConfigProperty(name = "herald.topics.create", defaultValue = "false")
    boolean create;

    @Inject
    @ConfigProperty(name = "herald.topics.partitions", defaultValue = "12")
    int partitions;

    @Inject
    @ConfigProperty(name = "herald.topics.replication-factor", defaultValue = "3")
    short replication;

    private Admin admin;
    private Status last;
    private long lastAt;

    /** Herald's topics in the order the flow goes, with what each carries and how long Kafka keeps it. */
    public List<Spec> plan() {
        List<Spec> plan = new ArrayList<>();
        plan.add(spec(eventsTopic, "CloudEvents in (intake; replay reads back within retention)", Duration.ofDays(7)));
        plan.add(spec(deliveriesTopic, "stored changes out to every instance's live sockets", Duration.ofDays(1)));
        for (String channel : List.of("email", "push", "sms", "webhook")) {
            plan.add(spec(channelPrefix + channel, "deliveries due on " + channel, Duration.ofDays(7)));
        }
        plan.add(spec(dlqTopic, "deliveries that gave up, for other systems", Duration.ofDays(30)));
        return plan;
    }

    /** Only the names. */
    public List<String> names() {
        return plan().stream().map(Spec::name).toList();
    }

    private Spec spec(String name, String purpose, Duration retention) {
        return new Spec(name, purpose, partitions, replication, retention);
    }

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    /** At start, off the deployment's thread: an unreachable Kafka must not hold the application's start. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        executor.execute(this::checkAtStart);
    }

    private void checkAtStart() {
        Status status = status();
        if (!status.created().isEmpty()) {
            LOG.info("Created the Kafka topics " + String.join(", ", status.created()));
        }
        if (!status.complete()) {
            LOG.warning(
                    status.error() != null
                            ? "Could not check Herald's Kafka topics: " + status.error()
                            : "Kafka topics missing (readiness lists them): " + String.join(", ", status.missing()));
        }
    }

    /** The topics as Kafka has them; looks again only while something is missing or unknown. */
    public synchronized Status status() {
        long now = System.nanoTime();
        if (last != null && (last.complete() || now - lastAt < RECHECK_WHILE_MISSING.toNanos())) {
            return last;
        }
        last = look();
        lastAt = System.nanoTime();
        return last;
    }

    private Status look() {
        try {
            Map<String, Found> present = describe();
            List<String> missing = new ArrayList<>();
            List<Spec> toCreate = new ArrayList<>();
            for (Spec spec : plan()) {
                if (!present.containsKey(spec.name())) {
                    missing.add(spec.name());
                    toCreate.add(spec);
                }
            }
            List<String> created = new ArrayList<>();
            List<String> refused = new ArrayList<>();
            if (create && !toCreate.isEmpty()) {
                create(toCreate, created, refused);
                missing.removeAll(created);
                present = describe();
            }
            Map<String, Found> now = present;
            List<Found> found = plan().stream()
                    .map(spec -> now.get(spec.name()))
                    .filter(f -> f != null)
                    .toList();
            String error = refused.isEmpty() ? null : "Kafka refused to create " + String.join("; ", refused);
            return new Status(found, List.copyOf(missing), List.copyOf(created), error);
        } catch (ExecutionException e) {
            return unknown(KafkaFailures.describe(e.getCause()));
        } catch (TimeoutException e) {
            return unknown("Kafka did not answer within " + TIMEOUT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unknown("interrupted");
        } catch (RuntimeException | LinkageError e) {
            return unknown(KafkaFailures.describe(e));
        }
    }

    /**
     * A look that failed: the admin client is closed, so the next look builds a new one from the settings' files as
     * they are then (a trust store or key store fixed in place heals this check too, as it heals the consumers).
     */
    private Status unknown(String error) {
        if (admin != null) {
            admin.close(Duration.ZERO);
            admin = null;
        }
        return new Status(List.of(), List.of(), List.of(), error);
    }

    private Map<String, Found> describe() throws InterruptedException, ExecutionException, TimeoutException {
        Map<String, Found> found = new LinkedHashMap<>();
        var described = admin().describeTopics(names()).topicNameValues();
        for (var entry : described.entrySet()) {
            try {
                TopicDescription description = entry.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                found.put(
                        entry.getKey(),
                        new Found(
                                entry.getKey(),
                                description.partitions().size(),
                                description.partitions().get(0).replicas().size()));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return found;
    }

    /**
     * Creates what is missing: what this instance created goes to {@code created} (another instance may have won the
     * race), what Kafka refused to {@code refused} with the reason (a replication factor above the brokers', an ACL).
     */
    private void create(List<Spec> specs, List<String> created, List<String> refused)
            throws InterruptedException, TimeoutException {
        List<NewTopic> topics = specs.stream()
                .map(spec -> new NewTopic(spec.name(), spec.partitions(), spec.replication())
                        .configs(Map.of(
                                TopicConfig.RETENTION_MS_CONFIG,
                                Long.toString(spec.retention().toMillis()))))
                .toList();
        for (var entry : admin().createTopics(topics).values().entrySet()) {
            try {
                entry.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                created.add(entry.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    refused.add(entry.getKey() + ": " + KafkaFailures.describe(e.getCause()));
                }
            }
        }
    }

    private Admin admin() {
        if (admin == null) {
            Properties properties = kafka.clientProperties("herald-topics");
            properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT_SECONDS * 1000));
            properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT_SECONDS * 1000));
            // Kafka loads the classes its configuration names through the thread's context class loader: the
            // application's, whichever thread asks (a server's own threads may have another)
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(KafkaTopics.class.getClassLoader());
            try {
                admin = Admin.create(properties);
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(3));
        }
    }
}
