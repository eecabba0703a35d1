package dev.herald.platform.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class KafkaReadinessTest {
    static final HealthCheckResponse DOWN = HealthCheckResponse.named("kafka-consumer-intake")
            .down()
            .withData("error", "Kafka does not answer")
            .withData("partitions", 4L)
            .withData("assigned", false)
            .build();

    @Test
    void requiredReportsKafkaAsItIs() {
        assertThat(new KafkaReadiness("required").apply(DOWN)).isSameAs(DOWN);
    }

    @Test
    void reportedKeepsTheInstanceReadyAndSaysWhatIsWrong() {
        HealthCheckResponse degraded = new KafkaReadiness(" Reported ").apply(DOWN);
        assertThat(degraded.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(degraded.getName()).isEqualTo("kafka-consumer-intake");
        assertThat(degraded.getData().orElseThrow())
                .containsEntry("degraded", true)
                .containsEntry("error", "Kafka does not answer")
                .containsEntry("partitions", 4L)
                .containsEntry("assigned", false);
        HealthCheckResponse up = HealthCheckResponse.up("kafka-topics");
        assertThat(new KafkaReadiness("reported").apply(up)).isSameAs(up);
    }

    @Test
    void anUnknownModeIsRefusedAtStart() {
        assertThatThrownBy(() -> new KafkaReadiness("sometimes"))
                .hasMessageContaining("herald.readiness.kafka must be required or reported");
    }
}
