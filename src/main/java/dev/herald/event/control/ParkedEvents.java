package dev.herald.event.control;

import dev.herald.event.entity.ParkedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/** The dead-letter store: records that could not become notifications, for operators to inspect. */
@ApplicationScoped
@Transactional
public class ParkedEvents {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    public List<ParkedEvent> newest(int limit) {
        return em.createNamedQuery(ParkedEvent.NEWEST, ParkedEvent.class)
                .setMaxResults(limit)
                .getResultList();
    }
}
