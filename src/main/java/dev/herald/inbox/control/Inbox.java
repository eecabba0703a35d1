package dev.herald.inbox.control;

import dev.herald.inbox.entity.InboxChanged;
import dev.herald.inbox.entity.InboxChanges;
import dev.herald.inbox.entity.Notification;
import dev.herald.inbox.entity.StateChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * One user's inbox as they change it: state changes of one, some or all notifications, deletes, and the reads live
 * sessions need (catch-up by {@code seq}, the unread count). Every change that changed something is announced to the
 * user's live sessions after commit; one that changed nothing announces nothing. Never crosses users.
 */
@ApplicationScoped
@Transactional
public class Inbox {
    /** The most ids one bulk request may name. */
    public static final int MAX_BULK = 100;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Event<InboxChanges> changes;

    /** What a bulk request did: how many notifications changed, and the ids the user has no notification with. */
    public record BulkResult(int changed, List<String> notFound) {}

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

    /** Where a user's inbox stands: the newest {@code seq} (0 for an empty inbox) and the unread count. */
    public record Position(long latestSeq, long unread) {}

    /** The user's newest {@code seq} and unread count in one round trip: what a reconnecting socket needs first. */
    public Position position(String user) {
        Object[] row =
                (Object[]) em.createNativeQuery("SELECT (SELECT max(seq) FROM notification WHERE recipient = ?1),"
                                + " (SELECT unread FROM user_sequence WHERE recipient = ?1)")
                        .setParameter(1, user)
                        .getSingleResult();
        return new Position(
                row[0] == null ? 0 : ((Number) row[0]).longValue(), row[1] == null ? 0 : ((Number) row[1]).longValue());
    }

    public Optional<Notification> find(String user, String id) {
        return em.createNamedQuery(Notification.BY_ID, Notification.class)
                .setParameter("id", id)
                .setParameter("recipient", user)
                .getResultStream()
                .findFirst();
    }

    /** Changes one of the user's notifications; empty when the user has no such notification. */
    public Optional<Notification> change(String user, String id, StateChange change, Instant now) {
        lock(user);
        Optional<Notification> notification = find(user, id);
        notification.ifPresent(n -> announce(user, n.change(change, now) ? List.of(n) : List.of(), List.of()));
        return notification;
    }

    /** Changes each of the named notifications the user has (at most {@link #MAX_BULK}). */
    public BulkResult change(String user, Collection<String> ids, StateChange change, Instant now) {
        lock(user);
        List<Notification> found = byIds(user, ids);
        List<Notification> changed = new ArrayList<>();
        found.stream().filter(n -> n.change(change, now)).forEach(changed::add);
        announce(user, changed, List.of());
        return new BulkResult(changed.size(), notFound(ids, found));
    }

    /**
     * Marks read (or seen) every notification of the user's inbox that is not yet, optionally only of one category
     * and only up to a {@code seq}; answers how many changed.
     */
    public int changeAll(String user, StateChange change, String category, Long upToSeq, Instant now) {
        if (change.action() != StateChange.Action.READ && change.action() != StateChange.Action.SEEN) {
            throw new IllegalArgumentException("only read and seen apply to a whole inbox");
        }
        lock(user);
        StringBuilder jpql = new StringBuilder("SELECT n FROM Notification n WHERE n.recipient = :recipient"
                + " AND n.reading.archivedAt IS NULL AND n.reading.snoozedUntil IS NULL");
        // reading marks seen too, so every unseen notification is unread: both walk the unread index
        jpql.append(
                change.action() == StateChange.Action.READ
                        ? " AND n.reading.readAt IS NULL"
                        : " AND n.reading.readAt IS NULL AND n.reading.seenAt IS NULL");
        if (category != null) {
            jpql.append(" AND n.category = :category");
        }
        if (upToSeq != null) {
            jpql.append(" AND n.seq <= :upTo");
        }
        TypedQuery<Notification> query = em.createQuery(
                        jpql.append(" ORDER BY n.seq").toString(), Notification.class)
                .setParameter("recipient", user);
        if (category != null) {
            query.setParameter("category", category);
        }
        if (upToSeq != null) {
            query.setParameter("upTo", upToSeq);
        }
        List<Notification> changed = query.getResultList().stream()
                .filter(n -> n.change(change, now))
                .toList();
        announce(user, changed, List.of());
        return changed.size();
    }

    /** Deletes one of the user's notifications; empty when the user has no such notification. */
    public Optional<Notification> delete(String user, String id, Instant now) {
        lock(user);
        Optional<Notification> notification = find(user, id);
        notification.ifPresent(n -> remove(user, List.of(n), now));
        return notification;
    }

    /** Deletes each of the named notifications the user has (at most {@link #MAX_BULK}). */
    public BulkResult delete(String user, Collection<String> ids, Instant now) {
        lock(user);
        List<Notification> found = byIds(user, ids);
        remove(user, found, now);
        return new BulkResult(found.size(), notFound(ids, found));
    }

    private void remove(String user, List<Notification> notifications, Instant now) {
        for (Notification n : notifications) {
            em.remove(n);
            // the event's key stays, so a redelivery or a retry of the same event does not bring it back
            em.createNativeQuery("INSERT INTO notification_tombstone (source, event_id, recipient, deleted_at)"
                            + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
                    .setParameter(1, n.eventKey().source())
                    .setParameter(2, n.eventKey().eventId())
                    .setParameter(3, user)
                    .setParameter(4, Timestamp.from(now))
                    .executeUpdate();
        }
        announce(user, List.of(), notifications);
    }

    private List<Notification> byIds(String user, Collection<String> ids) {
        if (ids.size() > MAX_BULK) {
            throw new IllegalArgumentException("at most " + MAX_BULK + " ids at once");
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        return em.createQuery(
                        "SELECT n FROM Notification n WHERE n.recipient = :recipient AND n.id IN :ids ORDER BY n.seq",
                        Notification.class)
                .setParameter("recipient", user)
                .setParameter("ids", List.copyOf(new LinkedHashSet<>(ids)))
                .getResultList();
    }

    private static List<String> notFound(Collection<String> ids, List<Notification> found) {
        LinkedHashSet<String> missing = new LinkedHashSet<>(ids);
        found.forEach(n -> missing.remove(n.id()));
        return List.copyOf(missing);
    }

    /** Fires the user's change, if anything changed, with the unread count as of this transaction. */
    private void announce(String user, List<Notification> updated, List<Notification> deleted) {
        if (updated.isEmpty() && deleted.isEmpty()) {
            return;
        }
        em.flush();
        InboxChanged.Builder change = InboxChanged.of(user);
        updated.forEach(change::updated);
        deleted.forEach(change::deleted);
        changes.fire(InboxChanges.of(change.unreadCount(unreadCount(user))));
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
