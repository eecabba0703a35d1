package dev.herald.event.control;

import dev.herald.platform.control.AuditTrail;
import dev.herald.platform.control.JsonFactory;
import dev.herald.platform.control.Periodic;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Reloads the catalog on every instance: an admin's reload checks the file on the instance it reached and, only if
 * it is valid, raises the catalog generation in PostgreSQL; every instance reads the generation every two seconds and
 * reloads its own file when it is higher. An instance whose file has a mistake keeps its catalog and says so in the log.
 */
@ApplicationScoped
public class CatalogSync {
    private static final Logger LOG = Logger.getLogger(CatalogSync.class.getName());

    @Inject
    Periodic periodic;

    @Resource(lookup = "jdbc/herald")
    DataSource dataSource;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    EventCatalog catalog;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** The generation this instance's catalog was read at; -1 until the first look (the file read at start is current). */
    private volatile long generation = -1;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        periodic.every(
                Duration.ofSeconds(1), Duration.ofSeconds(2), "Reading the catalog generation", LOG, this::follow);
    }

    /**
     * Reloads the file here; if it is valid, raises the generation so the other instances follow, and records the
     * reload in the audit trail, in one transaction. A file with a mistake throws {@link IllegalArgumentException}
     * (or {@link java.io.UncheckedIOException} when it cannot be read) and changes nothing anywhere.
     */
    @Transactional
    public EventCatalog.Reloaded reloadEverywhere(String actor) {
        EventCatalog.Reloaded reloaded = catalog.reload();
        long raised = ((Number)
                        em.createNativeQuery("UPDATE catalog_generation SET generation = generation + 1 WHERE id = 1"
                                        + " RETURNING generation")
                                .getSingleResult())
                .longValue();
        generation = raised;
        JsonObject details = JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("types", reloaded.types())
                .add("locales", JsonFactory.PROVIDER.createArrayBuilder(reloaded.locales()))
                .add("source", reloaded.source())
                .add("generation", raised)
                .build();
        audit.record(actor, "catalog.reload", "catalog", details);
        return reloaded;
    }

    void follow() throws SQLException {
        try {
            long current = read();
            long mine = generation;
            if (mine < 0) {
                generation = current;
            } else if (current > mine) {
                generation = current;
                EventCatalog.Reloaded reloaded = catalog.reload();
                LOG.info(() -> "Catalog reloaded after an admin's reload elsewhere (generation " + current + "): "
                        + reloaded.types() + " types");
            }
        } catch (IllegalArgumentException e) {
            LOG.warning("Another instance reloaded the catalog, but this instance's file has a mistake; keeping the"
                    + " catalog in use: " + e.getMessage());
        }
    }

    private long read() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT generation FROM catalog_generation WHERE id = 1")) {
            return row.next() ? row.getLong(1) : 0;
        }
    }
}
