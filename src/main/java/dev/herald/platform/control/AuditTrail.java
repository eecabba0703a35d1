package dev.herald.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.logging.Logger;

/**
 * The admins' audit trail: every admin action, who did it, when and what, appended in the action's own transaction
 * (an action that rolls back leaves no entry; an entry that cannot be written rolls the action back). The table only
 * takes inserts: the database refuses updates, deletes and truncation.
 */
@ApplicationScoped
public class AuditTrail {
    private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.REQUIRED)
    public void record(String actor, String action, String target, JsonObject details) {
        em.createNativeQuery("INSERT INTO audit_entry (at, actor, action, target, details)"
                        + " VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb))")
                .setParameter(1, Timestamp.from(clock.instant()))
                .setParameter(2, actor)
                .setParameter(3, action)
                .setParameter(4, target)
                .setParameter(5, details.toString())
                .executeUpdate();
        LOG.info(() -> "Admin action " + action + " on " + target + " by " + actor);
    }
}
