package dev.herald.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Whether a Kafka problem takes an instance out of the load balancer ({@code herald.readiness.kafka}):
 * {@code required} (the default) reports Kafka's checks as they are, so an instance whose Kafka fails is not ready;
 * {@code reported} keeps them up, marked {@code degraded} with the error, so that while Kafka is out every instance
 * still serves the inbox from PostgreSQL and keeps its live sockets (publishing answers 503 meanwhile, and nothing is
 * lost: intake resumes from Kafka's offsets). PostgreSQL's check always counts.
 */
@ApplicationScoped
public class KafkaReadiness {
    public static final String REQUIRED = "required";
    public static final String REPORTED = "reported";

    private final boolean required;

    @Inject
    public KafkaReadiness(@ConfigProperty(name = "herald.readiness.kafka", defaultValue = REQUIRED) String mode) {
        String normalized = mode.trim().toLowerCase(Locale.ROOT);
        if (!normalized.equals(REQUIRED) && !normalized.equals(REPORTED)) {
            throw new IllegalArgumentException(
                    "herald.readiness.kafka must be " + REQUIRED + " or " + REPORTED + ", not " + mode);
        }
        this.required = normalized.equals(REQUIRED);
    }

    /** For CDI's proxy. */
    protected KafkaReadiness() {
        this.required = true;
    }

    /** A Kafka check's answer as readiness reports it. */
    public HealthCheckResponse apply(HealthCheckResponse check) {
        if (required || check.getStatus() == HealthCheckResponse.Status.UP) {
            return check;
        }
        var degraded = HealthCheckResponse.named(check.getName()).up().withData("degraded", true);
        for (Map.Entry<String, Object> entry : check.getData().orElse(Map.of()).entrySet()) {
            Object value = entry.getValue();
            if (value instanceof Boolean b) {
                degraded.withData(entry.getKey(), b);
            } else if (value instanceof Number n) {
                degraded.withData(entry.getKey(), n.longValue());
            } else {
                degraded.withData(entry.getKey(), String.valueOf(value));
            }
        }
        return degraded.build();
    }
}
