package dev.herald.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A real KRaft broker (broker and controller in one) as its own process, so a test can SIGKILL it and start it again
 * on the same data and ports: a single node, or one node of a {@link KafkaCluster}. Its listener {@code INTERNAL} is
 * plain text (for the test's own admin work and replication); {@code external} is what Herald is given: plain text
 * too, or SASL_SSL with SCRAM and a TLS certificate (see {@link KafkaTls}).
 */
public final class KafkaProcess implements AutoCloseable {
    private final Path dir;
    private final int nodeId;
    private final int internalPort = Ports.free();
    private final int externalPort = Ports.free();
    private final Path config;
    private String heap = "384m";
    private Process process;

    private KafkaProcess(Path dir, Properties extra) throws IOException {
        this(dir, 1, Ports.free(), null, null, extra);
    }

    /**
     * Node {@code nodeId} of a cluster whose controllers are {@code voters} (null: a single node of its own), formatted
     * for {@code clusterId} (null: a new one).
     */
    KafkaProcess(Path dir, int nodeId, int controllerPort, String voters, String clusterId, Properties extra)
            throws IOException {
        this.dir = dir;
        this.nodeId = nodeId;
        Properties props = EmbeddedKafka.kraft(dir, controllerPort);
        props.put("node.id", String.valueOf(nodeId));
        if (voters != null) {
            props.put("controller.quorum.voters", voters);
        }
        props.put(
                "listeners",
                "INTERNAL://127.0.0.1:" + internalPort + ",EXTERNAL://127.0.0.1:" + externalPort
                        + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put(
                "advertised.listeners",
                "INTERNAL://127.0.0.1:" + internalPort + ",EXTERNAL://127.0.0.1:" + externalPort);
        props.put("inter.broker.listener.name", "INTERNAL");
        props.put("listener.security.protocol.map", "INTERNAL:PLAINTEXT,EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.putAll(extra);
        config = clusterId == null ? EmbeddedKafka.format(dir, props) : EmbeddedKafka.format(dir, props, clusterId);
    }

    /** A broker whose external listener is plain text. */
    public static KafkaProcess plaintext(Path dir) throws IOException {
        return new KafkaProcess(dir, new Properties());
    }

    /**
     * A plain-text broker that creates no topic by itself ({@code auto.create.topics.enable=false}, as production
     * clusters are often set): a topic nobody created is missing.
     */
    public static KafkaProcess plaintextWithoutAutoCreate(Path dir) throws IOException {
        Properties extra = new Properties();
        extra.put("auto.create.topics.enable", "false");
        return new KafkaProcess(dir, extra);
    }

    /** A broker whose external listener is SASL_SSL with SCRAM-SHA-512 and the certificate of {@code tls}. */
    public static KafkaProcess saslSsl(Path dir, KafkaTls tls) throws IOException {
        Properties extra = new Properties();
        extra.put("listener.security.protocol.map", "INTERNAL:PLAINTEXT,EXTERNAL:SASL_SSL,CONTROLLER:PLAINTEXT");
        extra.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        extra.put(
                "listener.name.external.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        extra.put("listener.name.external.ssl.keystore.location", tls.keyStore().toString());
        extra.put("listener.name.external.ssl.keystore.password", KafkaTls.PASSWORD);
        extra.put("listener.name.external.ssl.keystore.type", "PKCS12");
        extra.put("listener.name.external.ssl.key.password", KafkaTls.PASSWORD);
        return new KafkaProcess(dir, extra);
    }

    /** The broker's maximum heap, such as {@code 256m} (three of a cluster beside the tests). */
    KafkaProcess heap(String max) {
        this.heap = max;
        return this;
    }

    /**
     * A broker whose external listener is SSL and asks every client for a certificate it trusts (mutual TLS): its
     * own certificate from {@code tls}, and Herald's client certificate in its trust store.
     */
    public static KafkaProcess mutualTls(Path dir, KafkaTls tls) throws IOException {
        Properties extra = new Properties();
        extra.put("listener.security.protocol.map", "INTERNAL:PLAINTEXT,EXTERNAL:SSL,CONTROLLER:PLAINTEXT");
        extra.put("listener.name.external.ssl.client.auth", "required");
        extra.put("listener.name.external.ssl.keystore.location", tls.keyStore().toString());
        extra.put("listener.name.external.ssl.keystore.password", KafkaTls.PASSWORD);
        extra.put("listener.name.external.ssl.keystore.type", "PKCS12");
        extra.put("listener.name.external.ssl.key.password", KafkaTls.PASSWORD);
        extra.put(
                "listener.name.external.ssl.truststore.location",
                tls.brokerTrustStore().toString());
        extra.put("listener.name.external.ssl.truststore.password", KafkaTls.TRUST_PASSWORD);
        extra.put("listener.name.external.ssl.truststore.type", "PKCS12");
        return new KafkaProcess(dir, extra);
    }

    /** Starts the broker process and waits until it answers on its internal listener. */
    public void start() throws Exception {
        start(Duration.ofSeconds(60));
    }

    /**
     * The same, waiting up to {@code timeout}: a node of a cluster that was SIGKILLed recovers its logs and catches
     * up with the controllers first (measured up to a minute on two cores busy with the whole cluster under load).
     */
    public void start(Duration timeout) throws Exception {
        launch();
        awaitUp(timeout);
    }

    /** Starts the broker process without waiting (a cluster's nodes wait for each other's votes). */
    void launch() throws IOException {
        // the broker logs through java.util.logging here (slf4j-jdk14 on the class path): warnings only, as a
        // deployer's broker would; INFO costs a broker thousands of lines and a share of two busy cores
        Path logging = dir.resolve("logging.properties");
        Files.writeString(
                logging,
                "handlers=java.util.logging.ConsoleHandler\n.level=WARNING\n"
                        + "java.util.logging.ConsoleHandler.level=WARNING\n");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap,
                "-XX:+UseSerialGC",
                "-Djava.util.logging.config.file=" + logging,
                "-cp",
                System.getProperty("java.class.path"),
                "kafka.Kafka",
                config.toString()));
        builder.redirectErrorStream(true);
        builder.redirectOutput(
                ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()));
        process = builder.start();
    }

    /** Waits until the broker answers on its internal listener. */
    void awaitUp(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("Kafka broker exited with " + process.exitValue() + "; see " + dir);
            }
            try (Admin admin = admin()) {
                admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                return;
            } catch (Exception e) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        throw new IOException("Kafka broker not up after " + timeout + "; see " + dir);
    }

    /** SIGKILL: the broker gets no chance to flush or hand anything over. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** A clean stop (SIGTERM): the broker hands its leaderships over before it ends. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    public int nodeId() {
        return nodeId;
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** Whether a connection to the external listener is accepted right now. */
    public boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", externalPort), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String externalBootstrap() {
        return "127.0.0.1:" + externalPort;
    }

    public String internalBootstrap() {
        return "127.0.0.1:" + internalPort;
    }

    public Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", internalBootstrap(), "request.timeout.ms", "3000"));
    }

    public void createTopics(Map<String, Integer> topics) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(topics.entrySet().stream()
                            .map(t -> new NewTopic(t.getKey(), t.getValue(), (short) 1))
                            .toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
