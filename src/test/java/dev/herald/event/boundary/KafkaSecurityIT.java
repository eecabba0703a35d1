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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Herald against a SASL_SSL broker (SCRAM-SHA-512, a self-signed certificate), set up only with the README's
 * variables: the trust store is Herald's own setting, a PKCS12 file with its password. The broker first refuses
 * Herald's credentials (the user does not exist yet): readiness says so. Once the user is created on the broker,
 * Herald recovers by itself, without a restart, and intake and live push work.
 */
class KafkaSecurityIT {
    @RegisterExtension
    static final ClosedAfterAll own = new ClosedAfterAll();

    static final String USER = "herald";
    static final String PASSWORD = "s3cret-scram";
    static KafkaProcess broker;
    static Herald herald;

    @BeforeAll
    static void start() throws Exception {
        TestStack.shared();
        Path dir = TestStack.workDir("broker-secure");
        KafkaTls tls = KafkaTls.generate(dir.resolve("tls"));
        broker = own.add(KafkaProcess.saslSsl(dir.resolve("kafka"), tls));
        broker.start();
        broker.createTopics(Stack.topics(2));
        herald = own.add(Herald.onOwnBroker(
                "herald-secure",
                broker.internalBootstrap(),
                Map.of(
                        "HERALD_KAFKA_BOOTSTRAP_SERVERS",
                        broker.externalBootstrap(),
                        "HERALD_KAFKA_SECURITY_PROTOCOL",
                        "SASL_SSL",
                        "HERALD_KAFKA_SASL_MECHANISM",
                        "SCRAM-SHA-512",
                        "HERALD_KAFKA_SASL_JAAS_CONFIG",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + USER
                                + "\" password=\"" + PASSWORD + "\";",
                        "HERALD_KAFKA_SSL_TRUSTSTORE_LOCATION",
                        tls.trustStore().toString(),
                        "HERALD_KAFKA_SSL_TRUSTSTORE_PASSWORD",
                        KafkaTls.TRUST_PASSWORD,
                        "HERALD_KAFKA_SSL_TRUSTSTORE_TYPE",
                        "PKCS12")));
    }

    private static long lineCount(Path file) throws Exception {
        try (var lines = java.nio.file.Files.lines(file)) {
            return lines.count();
        }
    }

    @Test
    void refusedCredentialsShowInReadinessAndHeraldRecoversOnceTheBrokerAcceptsThem() throws Exception {
        HttpResponse<String> refused = await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(herald::readiness, r -> r.statusCode() == 503 && r.body().contains("credentials"));
        assertThat(refused.body()).contains("kafka-consumer-intake").contains("Kafka refused Herald's credentials");
        assertThat(herald.get("/health/live", null).statusCode()).isEqualTo(200);
        Path log = herald.server().logs().resolve("messages.log");
        long linesBefore = lineCount(log);
        TimeUnit.SECONDS.sleep(5); // refused many times over, not just once
        long linesWhileRefused = lineCount(log) - linesBefore;
        assertThat(linesWhileRefused)
                .as("log lines while Kafka refuses the login")
                .isLessThan(10);

        // a POST while Kafka refuses Herald is a 503, and must not leave the REST publisher broken afterwards
        String publisher = herald.token("app", "publisher");
        assertThat(herald.post(
                                "/api/events",
                                publisher,
                                "application/cloudevents+json",
                                Events.postLiked(Events.newId(), Events.newUser("early"), "Ana", "refused"))
                        .statusCode())
                .isEqualTo(503);
        assertThat(herald.readiness().body()).contains("kafka-publisher-events");

        Instant fixed = Instant.now();
        try (Admin admin = broker.admin()) {
            admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                            USER, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), PASSWORD)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> herald.readiness().statusCode() == 200);
        System.out.printf(
                "KafkaSecurityIT: ready %d ms after the SCRAM user was created; %d log lines in 5 s of refused logins%n",
                Duration.between(fixed, Instant.now()).toMillis(), linesWhileRefused);

        String user = Events.newUser("tls");
        var inbox = herald.get("/api/notifications", herald.token(user, "user"));
        System.out.println("KafkaSecurityIT inbox " + inbox.statusCode() + " "
                + inbox.headers().map() + " "
                + herald.get("/api/event-types", herald.token(user, "user")).statusCode());
        LiveClient socket = herald.connectLive(user);
        socket.resume(0);
        assertThat(herald.post(
                                "/api/events",
                                publisher,
                                "application/cloudevents+json",
                                Events.postLiked(Events.newId(), user, "Ana", "over TLS"))
                        .statusCode())
                .isEqualTo(202);
        herald.produce(user, Events.notice(Events.newId(), user, "Ben"));
        assertThat(herald.awaitInbox(user, 2)).hasSize(2);
        assertThat(socket.awaitFrames("notification.created", 2, Duration.ofSeconds(30)))
                .hasSize(2);
        socket.close();
    }
}
