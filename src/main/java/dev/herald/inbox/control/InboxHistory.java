package dev.herald.inbox.control;

import static dev.herald.platform.control.SqlValues.instant;
import static dev.herald.platform.control.SqlValues.textArray;

import dev.herald.inbox.entity.NotificationSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Read-only: a user's or an event's notifications with their states and times (no body or data), and the events they
 * aggregated, for an operator's story of what Herald did (ops composes it). Runs inside the caller's transaction when
 * there is one.
 */
@ApplicationScoped
public class InboxHistory {
    static final String NOTIFICATIONS = "SELECT n.id, n.recipient, n.source, n.event_id, n.type, n.category,"
            + " n.priority, n.title, n.created_at, n.silent, n.seen_at, n.read_at, n.archived_at, n.snoozed_until,"
            + " n.event_count FROM notification n";

    /** A user's notifications in inbox order (an aggregate that gathered an event moved up), by its unique index. */
    static final String OF_USER = NOTIFICATIONS + " WHERE n.recipient = ?1 ORDER BY n.seq DESC LIMIT ?2";

    /** Every notification created from the event or aggregating it, by the event id indexes of both tables. */
    static final String OF_EVENT = NOTIFICATIONS + " WHERE n.id IN (SELECT id FROM notification WHERE event_id = ?1"
            + " UNION SELECT notification_id FROM absorbed_event WHERE event_id = ?1)"
            + " ORDER BY n.created_at DESC, n.id LIMIT ?2";

    /**
     * The events the notifications aggregated, at most ?3 each, plus the event ?4 a story is of. absorbed_event has no
     * index by notification: the range from the oldest notification's creation (an event is absorbed after) lets its
     * absorbed_at index narrow the scan.
     */
    static final String EVENTS = "SELECT notification_id, source, event_id, absorbed_at FROM (SELECT a.*, row_number()"
            + " OVER (PARTITION BY a.notification_id ORDER BY a.absorbed_at DESC, a.event_id DESC) AS nth"
            + " FROM absorbed_event a WHERE a.notification_id = ANY(CAST(?1 AS varchar[])) AND a.absorbed_at >= ?2) e"
            + " WHERE nth <= ?3 OR event_id = CAST(?4 AS varchar) ORDER BY notification_id, absorbed_at, event_id";

    /** An event aggregated into notification {@code notificationId}. */
    public record Absorbed(String notificationId, String source, String eventId, Instant absorbedAt) {}

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** The user's newest {@code limit} notifications, in inbox order. */
    @Transactional
    public List<NotificationSummary> ofUser(String user, int limit) {
        return summaries(OF_USER, user, limit);
    }

    /** Up to {@code limit} notifications created from the event or aggregating it, newest first. */
    @Transactional
    public List<NotificationSummary> ofEvent(String eventId, int limit) {
        return summaries(OF_EVENT, eventId, limit);
    }

    /**
     * The events the notifications {@code ids} aggregated since {@code since} (the oldest one's creation), the newest
     * {@code perNotification} of each plus {@code eventId} (may be null), by notification, oldest first.
     */
    @Transactional
    public List<Absorbed> absorbed(List<String> ids, Instant since, int perNotification, String eventId) {
        List<Absorbed> absorbed = new ArrayList<>();
        for (Object row : em.createNativeQuery(EVENTS)
                .setParameter(1, textArray(ids))
                .setParameter(2, Timestamp.from(since))
                .setParameter(3, perNotification)
                .setParameter(4, eventId)
                .getResultList()) {
            Object[] r = (Object[]) row;
            absorbed.add(new Absorbed((String) r[0], (String) r[1], (String) r[2], instant(r[3])));
        }
        return absorbed;
    }

    private List<NotificationSummary> summaries(String sql, String key, int limit) {
        List<NotificationSummary> summaries = new ArrayList<>();
        for (Object row : em.createNativeQuery(sql)
                .setParameter(1, key)
                .setParameter(2, limit)
                .getResultList()) {
            Object[] r = (Object[]) row;
            summaries.add(new NotificationSummary(
                    (String) r[0],
                    (String) r[1],
                    (String) r[2],
                    (String) r[3],
                    (String) r[4],
                    (String) r[5],
                    (String) r[6],
                    (String) r[7],
                    instant(r[8]),
                    Boolean.TRUE.equals(r[9]),
                    instant(r[10]),
                    instant(r[11]),
                    instant(r[12]),
                    instant(r[13]),
                    ((Number) r[14]).intValue()));
        }
        return summaries;
    }
}
