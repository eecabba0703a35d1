package dev.herald.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when PostgreSQL answers with the schema migrated and Kafka answers. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {
    @Inject
    DatabaseProbe database;

    @Inject
    KafkaProbe kafka;

    @Inject
    SchemaMigration schema;

    @Override
    public HealthCheckResponse call() {
        boolean db = database.reachable();
        if (db && !schema.migrated()) {
            try {
                schema.ensureMigrated();
            } catch (RuntimeException e) {
                // reported below as not migrated
            }
        }
        boolean migrated = schema.migrated();
        boolean broker = kafka.reachable();
        return HealthCheckResponse.named("herald")
                .status(db && migrated && broker)
                .withData("postgresql", db)
                .withData("schema", migrated)
                .withData("kafka", broker)
                .build();
    }
}
