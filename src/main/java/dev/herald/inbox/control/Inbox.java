package dev.herald.inbox.control;

import dev.herald.inbox.entity.InboxChanged;
import dev.herald.inbox.entity.InboxChanges;
import dev.herald.inbox.entity.InboxCursor;
import dev.herald.inbox.entity.InboxPage;
import dev.herald.inbox.entity.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * One user's view of their inbox: pages, the unread count, catch-up by {@code seq}, and state changes, each
 * announced to the user's live sessions after commit. Never crosses users.
 */
@ApplicationScoped
@Transactional
public class Inbox {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Event<InboxChanges> changes;

    @Inject
    Clock clock;

    public InboxPage page(String user, InboxCursor cursor, int limit, boolean unreadOnly, String category) {
        StringBuilder jpql = new StringBuilder(
                "SELECT n FROM Notification n WHERE n.recipient = :recipient AND n.seq < :before AND n.archivedAt IS NULL");
        if (unreadOnly) {
            jpql.append(" AND n.readAt IS NULL");
        }
        if (category != null) {
            jpql.append(" AND n.category = :category");
        }
        jpql.append(" ORDER BY n.seq DESC");
        TypedQuery<Notification> query = em.createQuery(jpql.toString(), Notification.class)
                .setParameter("recipient", user)
                .setParameter("before", cursor.beforeSeq())
                .setMaxResults(limit + 1);
        if (category != null) {
            query.setParameter("category", category);
        }
        List<Notification> rows = query.getResultList();
        if (rows.size() <= limit) {
            return new InboxPage(rows, null);
        }
        List<Notification> page = rows.subList(0, limit);
        return new InboxPage(page, new InboxCursor(page.get(limit - 1).seq()));
    }

    /**
     * The user's unread count, kept in {@code user_sequence} by the database's triggers on {@code notification}
     * (flushed changes of this transaction included).
     */
    public long unreadCount(String user) {
        List<?> rows = em.createNativeQuery("SELECT unread FROM user_sequence WHERE recipient = ?1")
                .setParameter(1, user)
                .getResultList();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0)).longValue();
    }

    /**
     * Notifications with {@code after < seq < before}, oldest first, at most {@code limit}: what a client that has
     * everything up to {@code after} is missing, each once at its newest place.
     */
    public List<Notification> between(String user, long after, long before, int limit) {
        return em.createNamedQuery(Notification.BETWEEN, Notification.class)
                .setParameter("recipient", user)
                .setParameter("after", after)
                .setParameter("before", before)
                .setMaxResults(limit)
                .getResultList();
    }

    public long countAfter(String user, long after) {
        return em.createNamedQuery(Notification.COUNT_AFTER, Long.class)
                .setParameter("recipient", user)
                .setParameter("after", after)
                .getSingleResult();
    }

    /** The newest {@code seq} of the user, 0 for an empty inbox. */
    public long latestSeq(String user) {
        Long latest = em.createQuery("SELECT MAX(n.seq) FROM Notification n WHERE n.recipient = :recipient", Long.class)
                .setParameter("recipient", user)
                .getSingleResult();
        return latest == null ? 0 : latest;
    }

    public Optional<Notification> find(String user, String id) {
        return em.createNamedQuery(Notification.BY_ID, Notification.class)
                .setParameter("id", id)
                .setParameter("recipient", user)
                .getResultStream()
                .findFirst();
    }

    public Optional<Notification> markRead(String user, String id, Instant now) {
        return change(user, id, (n, at) -> n.markRead(now), now);
    }

    public Optional<Notification> markUnread(String user, String id, Instant now) {
        return change(user, id, (n, at) -> n.markUnread(now), now);
    }

    public Optional<Notification> markSeen(String user, String id, Instant now) {
        return change(user, id, (n, at) -> n.markSeen(now), now);
    }

    public Optional<Notification> archive(String user, String id, Instant now) {
        return change(user, id, (n, at) -> n.archive(now), now);
    }

    /** Marks every unread notification of the user read; answers how many changed. */
    public int markAllRead(String user, Instant now) {
        lock(user);
        List<Notification> unread = em.createNamedQuery(Notification.UNREAD, Notification.class)
                .setParameter("recipient", user)
                .getResultList();
        InboxChanged.Builder change = InboxChanged.of(user);
        unread.stream().filter(n -> n.markRead(now)).forEach(change::updated);
        if (!unread.isEmpty()) {
            em.flush();
            changes.fire(InboxChanges.of(change.unreadCount(unreadCount(user))));
        }
        return unread.size();
    }

    /** Deletes one of the user's notifications; empty when the user has no such notification. */
    public Optional<Notification> delete(String user, String id) {
        lock(user);
        Optional<Notification> notification = find(user, id);
        notification.ifPresent(n -> {
            em.remove(n);
            // the event's key stays, so a redelivery or a retry of the same event does not bring it back
            em.createNativeQuery("INSERT INTO notification_tombstone (source, event_id, recipient, deleted_at)"
                            + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
                    .setParameter(1, n.eventKey().source())
                    .setParameter(2, n.eventKey().eventId())
                    .setParameter(3, user)
                    .setParameter(4, Timestamp.from(clock.instant()))
                    .executeUpdate();
            em.flush();
            changes.fire(InboxChanges.of(InboxChanged.of(user).deleted(n).unreadCount(unreadCount(user))));
        });
        return notification;
    }

    private Optional<Notification> change(
            String user, String id, BiPredicate<Notification, Instant> intent, Instant now) {
        lock(user);
        Optional<Notification> notification = find(user, id);
        notification.ifPresent(n -> {
            if (intent.test(n, now)) {
                em.flush();
                changes.fire(InboxChanges.of(InboxChanged.of(user).updated(n).unreadCount(unreadCount(user))));
            }
        });
        return notification;
    }

    /**
     * Takes the user's sequence row lock, as intake does before it touches the user's notifications: a state change
     * and an aggregate gathering an event then run one after the other instead of deadlocking (intake locks the
     * user then the aggregate; the unread-count trigger locks the aggregate then the user).
     */
    private void lock(String user) {
        em.createNativeQuery("SELECT recipient FROM user_sequence WHERE recipient = ?1 FOR UPDATE")
                .setParameter(1, user)
                .getResultList();
    }
}
