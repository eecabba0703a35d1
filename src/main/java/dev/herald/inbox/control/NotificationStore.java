package dev.herald.inbox.control;

import dev.herald.inbox.entity.EventKey;
import dev.herald.inbox.entity.InboxChanged;
import dev.herald.inbox.entity.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Appends notifications to inboxes inside the caller's transaction: drops those whose {@code (source, id,
 * recipient)} is already stored, hands out each user's next {@code seq}s, persists the rest in one flush, and
 * announces each user's change (delivered to live sessions only if the transaction commits).
 */
@ApplicationScoped
public class NotificationStore {
    private static final int LOOKUP_CHUNK = 1000;
    private static final int ALLOCATE_CHUNK = 1000;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Event<InboxChanged> changes;

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
        Map<String, Long> last = allocate(byRecipient);
        List<Notification> stored = new ArrayList<>(fresh.size());
        byRecipient.forEach((recipient, notifications) -> {
            long next = last.get(recipient) - notifications.size() + 1;
            for (Notification n : notifications) {
                n.assignSeq(next++);
                em.persist(n);
                stored.add(n);
            }
        });
        announce(byRecipient);
        return stored;
    }

    /** One change event per user, with the new notifications and the unread count as of this transaction. */
    private void announce(Map<String, List<Notification>> byRecipient) {
        if (byRecipient.isEmpty()) {
            return;
        }
        em.flush();
        Map<String, Long> unread = new HashMap<>();
        List<String> users = new ArrayList<>(byRecipient.keySet());
        for (int from = 0; from < users.size(); from += LOOKUP_CHUNK) {
            em.createNamedQuery(Notification.UNREAD_COUNTS, Object[].class)
                    .setParameter("recipients", users.subList(from, Math.min(users.size(), from + LOOKUP_CHUNK)))
                    .getResultList()
                    .forEach(row -> unread.put((String) row[0], ((Number) row[1]).longValue()));
        }
        byRecipient.forEach((user, notifications) -> {
            InboxChanged.Builder change = InboxChanged.of(user);
            notifications.forEach(change::created);
            changes.fire(change.unreadCount(unread.getOrDefault(user, 0L)).build());
        });
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

    /**
     * Reserves each user's sequence numbers with one statement per chunk of users; answers each user's last number.
     * The rows are upserted in the map's (sorted) order, which is the order their locks are taken.
     */
    private Map<String, Long> allocate(Map<String, List<Notification>> byRecipient) {
        Map<String, Long> last = new HashMap<>();
        List<String> recipients = new ArrayList<>(byRecipient.keySet());
        for (int from = 0; from < recipients.size(); from += ALLOCATE_CHUNK) {
            List<String> chunk = recipients.subList(from, Math.min(recipients.size(), from + ALLOCATE_CHUNK));
            StringBuilder sql = new StringBuilder("INSERT INTO user_sequence (recipient, last_seq) VALUES ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ")
                        .append("(?")
                        .append(2 * i + 1)
                        .append(", ?")
                        .append(2 * i + 2)
                        .append(')');
            }
            sql.append(" ON CONFLICT (recipient) DO UPDATE SET last_seq = user_sequence.last_seq + EXCLUDED.last_seq")
                    .append(" RETURNING recipient, last_seq");
            Query query = em.createNativeQuery(sql.toString());
            for (int i = 0; i < chunk.size(); i++) {
                query.setParameter(2 * i + 1, chunk.get(i));
                query.setParameter(
                        2 * i + 2, (long) byRecipient.get(chunk.get(i)).size());
            }
            for (Object row : query.getResultList()) {
                Object[] columns = (Object[]) row;
                last.put((String) columns[0], ((Number) columns[1]).longValue());
            }
        }
        return last;
    }
}
