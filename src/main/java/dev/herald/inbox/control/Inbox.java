package dev.herald.inbox.control;

import dev.herald.inbox.entity.InboxCursor;
import dev.herald.inbox.entity.InboxPage;
import dev.herald.inbox.entity.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One user's view of their inbox: pages, the unread count, and read state. Never crosses users. */
@ApplicationScoped
@Transactional
public class Inbox {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

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

    public long unreadCount(String user) {
        return em.createNamedQuery(Notification.UNREAD_COUNT, Long.class)
                .setParameter("recipient", user)
                .getSingleResult();
    }

    public Optional<Notification> find(String user, String id) {
        return em.createNamedQuery(Notification.BY_ID, Notification.class)
                .setParameter("id", id)
                .setParameter("recipient", user)
                .getResultStream()
                .findFirst();
    }

    /** Marks one of the user's notifications read; empty when the user has no such notification. */
    public Optional<Notification> markRead(String user, String id, Instant now) {
        Optional<Notification> notification = find(user, id);
        notification.ifPresent(n -> n.markRead(now));
        return notification;
    }
}
