package dev.herald.platform.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date with Flyway at start-up. If PostgreSQL is down then, Herald still starts; intake calls
 * {@link #ensureMigrated()} before each batch, so the schema is migrated as soon as the database is back.
 */
@ApplicationScoped
public class SchemaMigration {
    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = "jdbc/herald-direct")
    DataSource dataSource;

    private volatile boolean migrated;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        try {
            ensureMigrated();
        } catch (RuntimeException e) {
            LOG.warning("Schema migration failed at start-up; retrying when intake starts: " + e.getMessage());
        }
    }

    public void ensureMigrated() {
        if (migrated) {
            return;
        }
        synchronized (this) {
            if (!migrated) {
                var result = Flyway.configure(SchemaMigration.class.getClassLoader())
                        .dataSource(dataSource)
                        // Liberty (like WebSphere) finds a location only by its flyway.location marker file
                        .locations("classpath:db/migration")
                        .load()
                        .migrate();
                LOG.info(() -> "Schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                        + " migrations applied)");
                migrated = true;
            }
        }
    }

    public boolean migrated() {
        return migrated;
    }
}
