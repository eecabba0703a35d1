package dev.herald.inbox.control;

import static dev.herald.platform.control.SqlValues.instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-only: the tombstones of a user's or an event's deleted notifications, newest first, for an operator's story
 * (ops composes it). A tombstone keeps the event's key and when, not the notification's id or text.
 */
@ApplicationScoped
public class DeletedNotifications {
    static final String OF_USER = "SELECT source, event_id, recipient, deleted_at FROM notification_tombstone"
            + " WHERE recipient = ?1 ORDER BY deleted_at DESC, event_id LIMIT ?2";

    static final String OF_EVENT = "SELECT source, event_id, recipient, deleted_at FROM notification_tombstone"
            + " WHERE event_id = ?1 ORDER BY deleted_at DESC, recipient LIMIT ?2";

    /** A deleted notification's event key, recipient and when it was deleted. */
    public record Tombstone(String source, String eventId, String recipient, Instant deletedAt) {}

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** The user's {@code limit} latest deletions. */
    @Transactional
    public List<Tombstone> ofUser(String user, int limit) {
        return tombstones(OF_USER, user, limit);
    }

    /** The {@code limit} latest deletions of notifications created from the event, by any recipient. */
    @Transactional
    public List<Tombstone> ofEvent(String eventId, int limit) {
        return tombstones(OF_EVENT, eventId, limit);
    }

    private List<Tombstone> tombstones(String sql, String key, int limit) {
        List<Tombstone> tombstones = new ArrayList<>();
        for (Object row : em.createNativeQuery(sql)
                .setParameter(1, key)
                .setParameter(2, limit)
                .getResultList()) {
            Object[] r = (Object[]) row;
            tombstones.add(new Tombstone((String) r[0], (String) r[1], (String) r[2], instant(r[3])));
        }
        return tombstones;
    }
}
