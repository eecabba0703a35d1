package dev.herald.inbox.control;

import dev.herald.inbox.entity.EventKey;
import dev.herald.inbox.entity.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Appends notifications to inboxes inside the caller's transaction: drops those whose {@code (source, id,
 * recipient)} is already stored, hands out each user's next {@code seq}s, and persists the rest in one flush.
 */
@ApplicationScoped
public class NotificationStore {
    private static final int LOOKUP_CHUNK = 1000;
    private static final String ALLOCATE_SEQ = "INSERT INTO user_sequence (recipient, last_seq) VALUES (?1, ?2)"
            + " ON CONFLICT (recipient) DO UPDATE SET last_seq = user_sequence.last_seq + EXCLUDED.last_seq"
            + " RETURNING last_seq";

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** Stores what is new among {@code candidates}; answers the notifications actually stored. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Notification> append(List<Notification> candidates) {
        Map<EventKey, Notification> fresh = new LinkedHashMap<>();
        candidates.forEach(n -> fresh.putIfAbsent(n.eventKey(), n));
        dropExisting(fresh);
        // lock each user's sequence row in a fixed order, so concurrent writers never deadlock
        Map<String, List<Notification>> byRecipient = new TreeMap<>();
        fresh.values().forEach(n -> byRecipient
                .computeIfAbsent(n.recipient(), r -> new ArrayList<>())
                .add(n));
        List<Notification> stored = new ArrayList<>(fresh.size());
        byRecipient.forEach((recipient, notifications) -> {
            long next = allocate(recipient, notifications.size()) - notifications.size() + 1;
            for (Notification n : notifications) {
                n.assignSeq(next++);
                em.persist(n);
                stored.add(n);
            }
        });
        return stored;
    }

    private void dropExisting(Map<EventKey, Notification> fresh) {
        List<String> eventIds =
                fresh.keySet().stream().map(EventKey::eventId).distinct().toList();
        for (int from = 0; from < eventIds.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = eventIds.subList(from, Math.min(eventIds.size(), from + LOOKUP_CHUNK));
            em.createNamedQuery(Notification.EXISTING_KEYS, Object[].class)
                    .setParameter("eventIds", chunk)
                    .getResultList()
                    .forEach(row -> fresh.remove(new EventKey((String) row[0], (String) row[1], (String) row[2])));
        }
    }

    /** Reserves {@code count} sequence numbers for a user; answers the last one. */
    private long allocate(String recipient, int count) {
        Object last = em.createNativeQuery(ALLOCATE_SEQ)
                .setParameter(1, recipient)
                .setParameter(2, (long) count)
                .getSingleResult();
        return ((Number) last).longValue();
    }
}
