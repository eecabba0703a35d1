package dev.herald.event.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.devstack.KafkaProcess;
import dev.herald.devstack.KafkaTls;
import dev.herald.devstack.Stack;
import dev.herald.testing.ClosedAfterAll;
import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import dev.herald.testing.LiveClient;
import dev.herald.testing.TestStack;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Herald against a broker that speaks TLS only and asks for a client certificate (mutual TLS), set up with the
 * variables docs/configuration.md names, alone. Herald starts with the wrong files in place: a trust store without the broker's
 * certificate, then (once that is fixed) a client certificate the broker does not trust. Readiness names each
 * problem and the file to look at, a POST meanwhile is a 503, and once the files are fixed where they lie every
 * Kafka client Herald runs (the consumers, the REST publisher, the live path's publisher, the outbox relay) recovers
 * by itself, without a restart.
 */
class KafkaMutualTlsIT {
    @RegisterExtension
    static final ClosedAfterAll own = new ClosedAfterAll();

    static KafkaTls tls;
    static KafkaProcess broker;
    static Herald herald;
    static Path trustStore;
    static Path keyStore;

    @BeforeAll
    static void start() throws Exception {
        TestStack.shared();
        Path dir = TestStack.workDir("broker-mtls");
        tls = KafkaTls.generate(dir.resolve("tls"));
        broker = own.add(KafkaProcess.mutualTls(dir.resolve("kafka"), tls));
        broker.start();
        broker.createTopics(Stack.topics(2));
        // Herald's own copies, as a deployer keeps them: wrong at first, fixed in place later
        trustStore = dir.resolve("herald-truststore.p12");
        keyStore = dir.resolve("herald-keystore.p12");
        Files.copy(tls.strangerTrustStore(), trustStore, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(tls.strangerKeyStore(), keyStore, StandardCopyOption.REPLACE_EXISTING);
        herald = own.add(Herald.onOwnBroker(
                "herald-mtls",
                broker.internalBootstrap(),
                Map.of(
                        "HERALD_KAFKA_BOOTSTRAP_SERVERS",
                        broker.externalBootstrap(),
                        "HERALD_KAFKA_SECURITY_PROTOCOL",
                        "SSL",
                        "HERALD_KAFKA_SSL_TRUSTSTORE_LOCATION",
                        trustStore.toString(),
                        "HERALD_KAFKA_SSL_TRUSTSTORE_PASSWORD",
                        KafkaTls.TRUST_PASSWORD,
                        "HERALD_KAFKA_SSL_TRUSTSTORE_TYPE",
                        "PKCS12",
                        "HERALD_KAFKA_SSL_KEYSTORE_LOCATION",
                        keyStore.toString(),
                        "HERALD_KAFKA_SSL_KEYSTORE_PASSWORD",
                        KafkaTls.PASSWORD,
                        "HERALD_KAFKA_SSL_KEYSTORE_TYPE",
                        "PKCS12",
                        "HERALD_KAFKA_SSL_KEY_PASSWORD",
                        KafkaTls.PASSWORD)));
    }

    @Test
    void theWrongTrustStoreThenTheWrongClientCertificateAreNamedAndFixingThemInPlaceHealsEveryClient()
            throws Exception {
        String publisher = herald.token("app", "publisher");
        String user = Events.newUser("mtls");

        HttpResponse<String> untrusted = awaitDown("HERALD_KAFKA_SSL_TRUSTSTORE_LOCATION", null);
        assertThat(untrusted.body())
                .contains("kafka-consumer-intake")
                .contains("kafka-publisher-events")
                .contains("does not trust the broker's certificate");
        assertThat(post(publisher, user, "untrusted")).isEqualTo(503);

        Files.copy(tls.trustStore(), trustStore, StandardCopyOption.REPLACE_EXISTING);
        // every client (each tries again on its own schedule) moves on to the next problem
        HttpResponse<String> refused = awaitDown("HERALD_KAFKA_SSL_KEYSTORE_LOCATION", "does not trust");
        assertThat(refused.body()).contains("the broker refused Herald").contains("kafka-publisher-events");
        assertThat(post(publisher, user, "unknown client")).isEqualTo(503);

        Instant fixed = Instant.now();
        Files.copy(tls.clientKeyStore(), keyStore, StandardCopyOption.REPLACE_EXISTING);
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> herald.readiness().statusCode() == 200);
        Duration toReady = Duration.between(fixed, Instant.now());

        LiveClient socket = herald.connectLive(user);
        socket.resume(0);
        assertThat(post(publisher, user, "over mutual TLS")).isEqualTo(202);
        herald.produce(user, Events.notice(Events.newId(), user, "Ben"));
        assertThat(herald.awaitInbox(user, 2)).hasSize(2);
        assertThat(socket.awaitFrames("notification.created", 2, Duration.ofSeconds(30)))
                .hasSize(2);
        socket.close();
        System.out.printf(
                "KafkaMutualTlsIT: ready %d ms after Herald's client certificate was fixed%n", toReady.toMillis());
    }

    /** Readiness DOWN naming {@code naming}, and no longer {@code gone} (the problem fixed before), if given. */
    private static HttpResponse<String> awaitDown(String naming, String gone) {
        return await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(
                        herald::readiness,
                        r -> r.statusCode() == 503
                                && r.body().contains(naming)
                                && (gone == null || !r.body().contains(gone)));
    }

    private static int post(String token, String user, String title) throws Exception {
        return herald.post(
                        "/api/events",
                        token,
                        "application/cloudevents+json",
                        Events.postLiked(Events.newId(), user, "Ana", title))
                .statusCode();
    }
}
