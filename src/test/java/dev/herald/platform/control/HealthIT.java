package dev.herald.platform.control;

import static dev.herald.testing.Herald.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.Herald;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HealthIT {
    @Test
    void readyAndLiveWhenKafkaAndPostgresAnswerWithEachPartNamed() throws Exception {
        Herald herald = Herald.shared();
        HttpResponse<String> ready = herald.get("/health/ready", null);
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        Map<String, JsonObject> checks = json(ready).getJsonArray("checks").stream()
                .map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c));
        assertThat(checks)
                .containsOnlyKeys(
                        "postgresql",
                        "kafka-consumer-intake",
                        "kafka-consumer-live",
                        "kafka-publisher-events",
                        "kafka-publisher-live",
                        "channel-workers",
                        "channel-breakers",
                        "live-sockets",
                        "kafka-topics");
        assertThat(checks.values()).allMatch(c -> c.getString("status").equals("UP"));
        assertThat(data(checks.get("postgresql"), "schema")).isEqualTo("true");
        assertThat(data(checks.get("kafka-consumer-intake"), "partitions")).isEqualTo("4");
        assertThat(data(checks.get("kafka-publisher-events"), "publishing")).isEqualTo("true");
        assertThat(data(checks.get("kafka-publisher-live"), "publishing")).isEqualTo("true");
        assertThat(data(checks.get("kafka-topics"), "herald.channel.dlq")).isEqualTo("4 partitions, 1 replicas");

        // the Kubernetes startup probe's path (deploy/kubernetes; readiness and liveness are checked here and above)
        assertThat(herald.get("/health/started", null).statusCode()).isEqualTo(200);

        HttpResponse<String> live = herald.get("/health/live", null);
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.body()).contains("kafka-consumer-intake").contains("kafka-consumer-live");
    }

    /** A check's data value as text: Liberty writes numbers and booleans as JSON, Payara writes every value as a string. */
    private static String data(JsonObject check, String name) {
        JsonValue value = check.getJsonObject("data").get(name);
        return value instanceof jakarta.json.JsonString text ? text.getString() : String.valueOf(value);
    }
}
