package dev.herald.channel.control;

import dev.herald.preference.entity.PreferencesChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Clock;

/**
 * Deliveries held while the user muted everything wait without a due time; when the user's preferences change and
 * they are not muted any more, they become due now, in the same transaction as the change.
 */
@ApplicationScoped
public class MuteRelease {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Clock clock;

    void onChange(@Observes PreferencesChanged changed) {
        if (!Boolean.TRUE.equals(changed.preferences().muted())) {
            Timestamp now = Timestamp.from(clock.instant());
            em.createNativeQuery("UPDATE delivery SET due_at = ?2, reason = 'released: you unmuted', updated_at = ?2"
                            + " WHERE recipient = ?1 AND status = 'held' AND due_at IS NULL")
                    .setParameter(1, changed.user())
                    .setParameter(2, now)
                    .executeUpdate();
        }
    }
}
