package dev.herald.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when PostgreSQL answers with the schema migrated. Each Kafka consumer adds its own readiness (see the
 * features' consumers), so the body says which part is not ready and why.
 */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {
    @Inject
    DatabaseProbe database;

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
        var response = HealthCheckResponse.named("postgresql")
                .status(db && migrated)
                .withData("reachable", db)
                .withData("schema", migrated);
        if (!db) {
            response.withData("error", "PostgreSQL does not answer (HERALD_DB_URL)");
        } else if (!migrated) {
            response.withData("error", "the schema migration has not completed; see the log");
        }
        return response.build();
    }
}
