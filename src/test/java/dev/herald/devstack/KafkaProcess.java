package dev.herald.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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
 * A real single-node KRaft broker as its own process, so a test can SIGKILL it and start it again on the same data
 * and ports. Its listener {@code INTERNAL} is plain text (for the test's own admin work); {@code external} is what
 * Herald is given: plain text too, or SASL_SSL with SCRAM and a TLS certificate (see {@link KafkaTls}).
 */
public final class KafkaProcess implements AutoCloseable {
    private final Path dir;
    private final int internalPort = Ports.free();
    private final int externalPort = Ports.free();
    private final Path config;
    private Process process;

    private KafkaProcess(Path dir, Properties extra) throws IOException {
        this.dir = dir;
        int controllerPort = Ports.free();
        Properties props = EmbeddedKafka.kraft(dir, controllerPort);
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
        config = EmbeddedKafka.format(dir, props);
    }

    /** A broker whose external listener is plain text. */
    public static KafkaProcess plaintext(Path dir) throws IOException {
        return new KafkaProcess(dir, new Properties());
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

    /** Starts the broker process and waits until it answers on its internal listener. */
    public void start() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "kafka.Kafka",
                config.toString()));
        builder.redirectErrorStream(true);
        builder.redirectOutput(
                ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()));
        process = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
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
        throw new IOException("Kafka broker not up after 60 s; see " + dir);
    }

    /** SIGKILL: the broker gets no chance to flush or hand anything over. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
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
