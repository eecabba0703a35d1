package dev.herald.channel.control;

import dev.herald.channel.entity.Delivery;
import dev.herald.channel.entity.DeliveryStatus;
import dev.herald.preference.entity.PreferencesChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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
            em.createNamedQuery(Delivery.RELEASE_MUTED)
                    .setParameter("now", clock.instant())
                    .setParameter("reason", "released: you unmuted")
                    .setParameter("user", changed.user())
                    .setParameter("held", DeliveryStatus.HELD.wire())
                    .executeUpdate();
        }
    }
}
