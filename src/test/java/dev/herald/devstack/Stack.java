package dev.herald.devstack;

import dev.herald.push.control.Vapid;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Herald's embedded default: Kafka (embedded unless {@code HERALD_KAFKA_BOOTSTRAP_SERVERS} is set), PostgreSQL
 * (embedded unless {@code HERALD_DB_URL} is set), the topics, a dev signing key, and the environment Liberty needs.
 * Used by the run command and by the integration tests.
 */
public final class Stack implements AutoCloseable {
    public static final String EVENTS_TOPIC = "herald.events";
    public static final String DELIVERIES_TOPIC = "herald.deliveries";

    /** Every topic Herald uses, each with {@code partitions} partitions. */
    public static Map<String, Integer> topics(int partitions) {
        Map<String, Integer> topics = new HashMap<>();
        for (String topic : List.of(
                EVENTS_TOPIC,
                DELIVERIES_TOPIC,
                "herald.channel.email",
                "herald.channel.push",
                "herald.channel.sms",
                "herald.channel.webhook",
                "herald.channel.dlq")) {
            topics.put(topic, partitions);
        }
        return topics;
    }

    private final EmbeddedKafka kafka;
    private final String bootstrapServers;
    private final Database database;
    private final DevKeys keys;
    private final Vapid vapid = Vapid.generate("mailto:dev@herald.localhost");

    private Stack(EmbeddedKafka kafka, String bootstrapServers, Database database, DevKeys keys) {
        this.kafka = kafka;
        this.bootstrapServers = bootstrapServers;
        this.database = database;
        this.keys = keys;
    }

    /** Starts what is not configured externally; {@code kafkaPort} is used for an embedded broker. */
    public static Stack start(Path workDir, int kafkaPort) throws Exception {
        return start(workDir, kafkaPort, false);
    }

    /** {@code durableDatabase}: an embedded PostgreSQL that flushes every commit (see {@link Database#embedded}). */
    public static Stack start(Path workDir, int kafkaPort, boolean durableDatabase) throws Exception {
        quietLogs();
        deleteTree(workDir);
        Files.createDirectories(workDir);
        Map<String, String> env = System.getenv();
        EmbeddedKafka kafka = null;
        String bootstrap = env.get("HERALD_KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap == null || bootstrap.isBlank()) {
            kafka = EmbeddedKafka.start(workDir.resolve("kafka"), kafkaPort);
            kafka.createTopics(topics(4));
            bootstrap = kafka.bootstrapServers();
        }
        try {
            String dbUrl = env.get("HERALD_DB_URL");
            Database database = dbUrl == null || dbUrl.isBlank()
                    ? Database.embedded(workDir.resolve("postgres"), durableDatabase)
                    : Database.external(
                            dbUrl,
                            env.getOrDefault("HERALD_DB_USER", "herald"),
                            env.getOrDefault("HERALD_DB_PASSWORD", ""));
            DevKeys keys = DevKeys.generate(workDir.resolve("keys"));
            return new Stack(kafka, bootstrap, database, keys);
        } catch (Exception | Error e) {
            // the broker's threads would keep this JVM alive with nothing left to stop them
            if (kafka != null) {
                kafka.close();
            }
            throw e;
        }
    }

    /** The environment that points Liberty at this stack and turns dev tokens on. */
    public Map<String, String> heraldEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("HERALD_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("HERALD_DB_URL", database.url());
        env.put("HERALD_DB_USER", database.user());
        env.put("HERALD_DB_PASSWORD", database.password());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKey().toUri().toString());
        env.put("MP_JWT_VERIFY_ISSUER", DevKeys.ISSUER);
        env.put("MP_JWT_VERIFY_AUDIENCES", DevKeys.AUDIENCE);
        env.put("HERALD_DEV_TOKENS_ENABLED", "true");
        env.put("HERALD_DEV_TOKENS_SIGNING_KEY_LOCATION", keys.privateKey().toString());
        // web push with a VAPID key pair made for this stack; dev mode may post webhooks over http
        env.put("HERALD_PUSH_VAPID_PUBLIC_KEY", vapid.publicKey());
        env.put("HERALD_PUSH_VAPID_PRIVATE_KEY", vapid.privateKey());
        env.put("HERALD_PUSH_VAPID_SUBJECT", "mailto:dev@herald.localhost");
        env.put("HERALD_CHANNEL_HTTPS_ONLY", "false");
        if (kafka != null) {
            // the embedded broker: Herald may create what is missing there (one broker, so one replica)
            env.put("HERALD_TOPICS_CREATE", "true");
            env.put("HERALD_TOPICS_PARTITIONS", "4");
            env.put("HERALD_TOPICS_REPLICATION_FACTOR", "1");
        }
        return env;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Database database() {
        return database;
    }

    public DevKeys keys() {
        return keys;
    }

    @Override
    public void close() {
        if (kafka != null) {
            try {
                kafka.close();
            } catch (RuntimeException e) {
                Logger.getLogger(Stack.class.getName()).log(Level.WARNING, "Stopping Kafka failed", e);
            }
        }
        try {
            database.close();
        } catch (IOException e) {
            Logger.getLogger(Stack.class.getName()).log(Level.WARNING, "Stopping PostgreSQL failed", e);
        }
    }

    /** Held so the levels stick: java.util.logging keeps loggers only weakly. */
    private static final List<Logger> QUIETED = new ArrayList<>();

    /** Kafka and the embedded PostgreSQL log a lot at INFO; keep warnings. */
    private static synchronized void quietLogs() {
        for (String name : new String[] {"kafka", "org.apache.kafka", "io.zonky", "state.change.logger"}) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.WARNING);
            QUIETED.add(logger);
        }
    }

    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
