package dev.herald.platform.control;

import dev.herald.live.control.LiveProbe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when PostgreSQL answers with the schema migrated, Kafka answers, and this instance reads its own live probe. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {
    @Inject
    DatabaseProbe database;

    @Inject
    KafkaProbe kafka;

    @Inject
    SchemaMigration schema;

    @Inject
    LiveProbe live;

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
        boolean push = live.connected();
        return HealthCheckResponse.named("herald")
                .status(db && migrated && broker && push)
                .withData("live", push)
                .withData("postgresql", db)
                .withData("schema", migrated)
                .withData("kafka", broker)
                .build();
    }
}
