package dev.herald.event.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.devstack.KafkaProcess;
import dev.herald.testing.ClosedAfterAll;
import dev.herald.testing.Herald;
import dev.herald.testing.TestStack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Herald's topics on a broker that creates none by itself: an instance that may not create them reports in readiness
 * exactly which are missing (and, with {@code HERALD_READINESS_KAFKA=reported}, stays ready, degraded); an instance
 * that may creates them with the partitions, replicas and retention it is told, and both become ready.
 */
class TopicsIT {
    @RegisterExtension
    static final ClosedAfterAll own = new ClosedAfterAll();

    static final List<String> ALL = List.of(
            "herald.events",
            "herald.deliveries",
            "herald.channel.email",
            "herald.channel.push",
            "herald.channel.sms",
            "herald.channel.webhook",
            "herald.channel.dlq");

    static KafkaProcess broker;

    @BeforeAll
    static void start() throws Exception {
        TestStack.shared();
        broker = own.add(KafkaProcess.plaintextWithoutAutoCreate(TestStack.workDir("broker-topics")));
        broker.start();
        try (Admin admin = broker.admin()) {
            // two of the seven exist already, as an operator made them
            admin.createTopics(List.of(
                            new NewTopic("herald.events", 2, (short) 1),
                            new NewTopic("herald.deliveries", 2, (short) 1)))
                    .all()
                    .get();
        }
    }

    @Test
    void missingTopicsAreNamedInReadinessOrCreatedWhenAllowed() throws Exception {
        Herald reporting = own.add(Herald.onOwnBroker(
                "herald-topics-report",
                broker.internalBootstrap(),
                Map.of(
                        "HERALD_KAFKA_BOOTSTRAP_SERVERS", broker.externalBootstrap(),
                        "HERALD_TOPICS_CREATE", "false",
                        "HERALD_READINESS_KAFKA", "reported")));
        HttpResponse<String> degraded = await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(reporting::readiness, r -> r.body().contains("\"missing\""));
        assertThat(degraded.statusCode())
                .as("Kafka's checks only report: still ready")
                .isEqualTo(200);
        assertThat(checkData(degraded.body(), "kafka-topics"))
                .containsPattern("\"degraded\":\"?true")
                .contains("herald.channel.email, herald.channel.push, herald.channel.sms, herald.channel.webhook,"
                        + " herald.channel.dlq")
                .contains("\"herald.events\":\"2 partitions, 1 replicas\"");
        try (Admin admin = broker.admin()) {
            assertThat(admin.listTopics().names().get()).doesNotContain("herald.channel.email");
        }

        Herald creating = own.add(Herald.onOwnBroker(
                "herald-topics-create",
                broker.internalBootstrap(),
                Map.of(
                        "HERALD_KAFKA_BOOTSTRAP_SERVERS", broker.externalBootstrap(),
                        "HERALD_TOPICS_CREATE", "true",
                        "HERALD_TOPICS_PARTITIONS", "3",
                        "HERALD_TOPICS_REPLICATION_FACTOR", "1")));
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> creating.readiness().statusCode() == 200);
        try (Admin admin = broker.admin()) {
            Set<String> names = admin.listTopics().names().get();
            assertThat(names).containsAll(ALL);
            var email = admin.describeTopics(List.of("herald.channel.email"))
                    .allTopicNames()
                    .get()
                    .get("herald.channel.email");
            assertThat(email.partitions()).hasSize(3);
            var config = admin.describeConfigs(
                            List.of(new ConfigResource(ConfigResource.Type.TOPIC, "herald.channel.dlq")))
                    .all()
                    .get()
                    .values()
                    .iterator()
                    .next();
            assertThat(config.get(TopicConfig.RETENTION_MS_CONFIG).value())
                    .isEqualTo(Long.toString(Duration.ofDays(30).toMillis()));
            assertThat(admin.describeTopics(List.of("herald.events"))
                            .allTopicNames()
                            .get()
                            .get("herald.events")
                            .partitions())
                    .as("an existing topic is left as it is")
                    .hasSize(2);
        }
        // the first instance sees them too, without a restart
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(checkData(reporting.readiness().body(), "kafka-topics"))
                        .doesNotContain("missing")
                        .doesNotContain("degraded"));
    }

    /** The JSON of one named check in a health body. */
    private static String checkData(String body, String name) {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(body))) {
            return reader.readObject().getJsonArray("checks").stream()
                    .map(check -> check.asJsonObject())
                    .filter(check -> check.getString("name").equals(name))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no check " + name + " in " + body))
                    .toString();
        }
    }
}
