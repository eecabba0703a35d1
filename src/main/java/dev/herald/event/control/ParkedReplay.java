package dev.herald.event.control;

import dev.herald.event.entity.IncomingRecord;
import dev.herald.event.entity.ParkedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;

/**
 * Replays one parked record in a transaction of its own: takes it (locked, so two replays cannot both take it), runs
 * it through intake, and either stores it or parks it again with its new reason. A record that fails otherwise rolls
 * back alone and stays parked as it was.
 */
@ApplicationScoped
public class ParkedReplay {
    /** What became of one record. */
    public enum Result {
        REPLAYED,
        STILL_PARKED,
        GONE
    }

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    EventIntake intake;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Result replay(String id) {
        ParkedEvent parked = em.find(ParkedEvent.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (parked == null) {
            return Result.GONE; // replayed or discarded meanwhile
        }
        IncomingRecord record = parked.record();
        em.remove(parked);
        em.flush();
        return intake.process(List.of(record)).parked() == 0 ? Result.REPLAYED : Result.STILL_PARKED;
    }
}
