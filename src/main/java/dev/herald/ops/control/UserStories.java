package dev.herald.ops.control;

import static dev.herald.platform.control.SqlValues.instant;
import static dev.herald.platform.control.SqlValues.textArray;

import dev.herald.channel.control.DeliveryLedger;
import dev.herald.channel.control.DeliveryStatuses;
import dev.herald.channel.entity.DeliveryView.Attempt;
import dev.herald.ops.entity.Explanation;
import dev.herald.ops.entity.Story;
import dev.herald.ops.entity.StoryDelivery;
import dev.herald.ops.entity.StoryEvent;
import dev.herald.ops.entity.StoryItem;
import dev.herald.ops.entity.StoryNotification;
import dev.herald.preference.control.ChannelDefaults;
import dev.herald.preference.entity.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user's or an event's story for an operator: the notifications (newest first) with the event each was created from
 * and those it aggregated, each channel's deliveries with every attempt, the deleted notifications' tombstones and the
 * parked records that mention the user or event. Six queries whatever the size; the channels a type uses that got no
 * delivery row are named from today's catalog and provider settings, as the user's delivery status API does.
 */
@ApplicationScoped
public class UserStories {
    /** The most parked records a story lists. */
    static final int PARKED_LIMIT = 20;

    /** The most aggregated events listed per notification (the newest); its event count says how many there are. */
    static final int EVENTS_PER_NOTIFICATION = 100;

    static final String NOTIFICATIONS = "SELECT n.id, n.recipient, n.source, n.event_id, n.type, n.category,"
            + " n.priority, n.title, n.created_at, n.silent, n.seen_at, n.read_at, n.archived_at, n.snoozed_until,"
            + " n.event_count, s.time_zone FROM notification n LEFT JOIN user_setting s ON s.recipient = n.recipient";

    /** A user's notifications in inbox order (an aggregate that gathered an event moved up), by its unique index. */
    static final String OF_USER = NOTIFICATIONS + " WHERE n.recipient = ?1 ORDER BY n.seq DESC LIMIT ?2";

    /** Every notification created from the event or aggregating it, by the event id indexes of both tables. */
    static final String OF_EVENT = NOTIFICATIONS + " WHERE n.id IN (SELECT id FROM notification WHERE event_id = ?1"
            + " UNION SELECT notification_id FROM absorbed_event WHERE event_id = ?1)"
            + " ORDER BY n.created_at DESC, n.id LIMIT ?2";

    /**
     * The events the notifications aggregated, at most {@link #EVENTS_PER_NOTIFICATION} each, plus the event a story is
     * of. absorbed_event has no index by notification: the range from the oldest notification's creation (an event is
     * absorbed after) lets its absorbed_at index narrow the scan.
     */
    static final String EVENTS = "SELECT notification_id, source, event_id, absorbed_at FROM (SELECT a.*, row_number()"
            + " OVER (PARTITION BY a.notification_id ORDER BY a.absorbed_at DESC, a.event_id DESC) AS nth"
            + " FROM absorbed_event a WHERE a.notification_id = ANY(CAST(?1 AS varchar[])) AND a.absorbed_at >= ?2) e"
            + " WHERE nth <= ?3 OR event_id = CAST(?4 AS varchar) ORDER BY notification_id, absorbed_at, event_id";

    /**
     * The deliveries, each with its digest's delivery (a notification listed in an email digest has no attempts of its
     * own) or, while it waits for one, when the digest is due. The digest deliveries themselves are not listed.
     */
    static final String DELIVERIES = "SELECT d.id, d.notification_id, d.channel, d.target, d.status, d.reason,"
            + " d.decision,"
            + " COALESCE(g.attempts, d.attempts), COALESCE(d.due_at, g.due_at, w.due_at), d.created_at, d.updated_at,"
            + " d.digest_id, g.status FROM delivery d LEFT JOIN delivery g ON g.id = d.digest_id"
            + " LEFT JOIN digest w ON d.status = 'digest' AND d.digest_id IS NULL AND w.recipient = d.recipient"
            + " AND w.channel = d.channel WHERE d.notification_id = ANY(CAST(?1 AS varchar[]))"
            + " AND (d.target IS NULL OR d.target <> ?2) ORDER BY d.notification_id, d.channel, d.created_at, d.id";

    static final String DELETED_OF_USER = "SELECT source, event_id, recipient, deleted_at FROM notification_tombstone"
            + " WHERE recipient = ?1 ORDER BY deleted_at DESC, event_id LIMIT ?2";

    static final String DELETED_OF_EVENT = "SELECT source, event_id, recipient, deleted_at FROM notification_tombstone"
            + " WHERE event_id = ?1 ORDER BY deleted_at DESC, recipient LIMIT ?2";

    /** A binary-mode record keeps its envelope (the event id among it) in its headers. */
    static final String PARKED = "SELECT id, parked_at, reason FROM parked_event WHERE payload ILIKE ?1"
            + " OR headers ILIKE ?1 ORDER BY parked_at DESC, id LIMIT " + PARKED_LIMIT;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    ChannelDefaults catalog;

    @Inject
    DeliveryStatuses statuses;

    @Transactional
    public Story ofUser(String user, int limit) {
        List<StoryItem> items = items(
                em.createNativeQuery(OF_USER)
                        .setParameter(1, user)
                        .setParameter(2, limit)
                        .getResultList(),
                null);
        return new Story(user, null, items, deleted(DELETED_OF_USER, user, limit), parked(user));
    }

    @Transactional
    public Story ofEvent(String eventId, int limit) {
        List<StoryItem> items = items(
                em.createNativeQuery(OF_EVENT)
                        .setParameter(1, eventId)
                        .setParameter(2, limit)
                        .getResultList(),
                eventId);
        return new Story(null, eventId, items, deleted(DELETED_OF_EVENT, eventId, limit), parked(eventId));
    }

    private List<StoryItem> items(List<?> rows, String eventId) {
        List<StoryNotification> notifications = new ArrayList<>();
        Map<String, ZoneId> zones = new HashMap<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            StoryNotification n = new StoryNotification(
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
                    ((Number) r[14]).intValue());
            notifications.add(n);
            zones.put(n.id(), zone((String) r[15]));
        }
        if (notifications.isEmpty()) {
            return List.of();
        }
        List<String> ids = notifications.stream().map(StoryNotification::id).toList();
        Map<String, List<StoryEvent>> events = events(ids, notifications, eventId);
        Map<String, List<StoryDelivery>> deliveries = deliveries(ids);
        List<StoryItem> items = new ArrayList<>();
        for (StoryNotification n : notifications) {
            List<StoryDelivery> planned = withMissingChannels(n, deliveries.getOrDefault(n.id(), List.of()));
            items.add(new StoryItem(n, events.get(n.id()), planned, Explanation.of(n, planned, zones.get(n.id()))));
        }
        return items;
    }

    /** Each notification's own event first, then the events it aggregated, oldest first. */
    private Map<String, List<StoryEvent>> events(
            List<String> ids, List<StoryNotification> notifications, String eventId) {
        Map<String, List<StoryEvent>> events = new HashMap<>();
        Instant oldest = notifications.get(0).createdAt();
        for (StoryNotification n : notifications) {
            events.put(n.id(), new ArrayList<>(List.of(StoryEvent.created(n))));
            oldest = n.createdAt().isBefore(oldest) ? n.createdAt() : oldest;
        }
        List<?> rows = em.createNativeQuery(EVENTS)
                .setParameter(1, textArray(ids))
                .setParameter(2, Timestamp.from(oldest))
                .setParameter(3, EVENTS_PER_NOTIFICATION)
                .setParameter(4, eventId)
                .getResultList();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            events.get((String) r[0])
                    .add(new StoryEvent((String) r[1], (String) r[2], instant(r[3]), StoryEvent.As.AGGREGATED));
        }
        return events;
    }

    private Map<String, List<StoryDelivery>> deliveries(List<String> ids) {
        List<?> rows = em.createNativeQuery(DELIVERIES)
                .setParameter(1, textArray(ids))
                .setParameter(2, DeliveryLedger.DIGEST_TARGET)
                .getResultList();
        Set<String> attempted = new LinkedHashSet<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            attempted.add(r[11] != null ? (String) r[11] : (String) r[0]);
        }
        Map<String, List<Attempt>> attempts = attempts(List.copyOf(attempted));
        Map<String, List<StoryDelivery>> deliveries = new HashMap<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            String digestId = (String) r[11];
            deliveries
                    .computeIfAbsent((String) r[1], k -> new ArrayList<>())
                    .add(new StoryDelivery(
                            (String) r[0],
                            (String) r[2],
                            (String) r[3],
                            (String) r[4],
                            (String) r[6],
                            (String) r[5],
                            ((Number) r[7]).intValue(),
                            instant(r[8]),
                            instant(r[9]),
                            instant(r[10]),
                            digestId,
                            (String) r[12],
                            attempts.getOrDefault(digestId != null ? digestId : (String) r[0], List.of())));
        }
        return deliveries;
    }

    private Map<String, List<Attempt>> attempts(List<String> ids) {
        return DeliveryStatuses.attemptsOf(em, ids);
    }

    /**
     * The channels the notification's type uses that got no row: the user had no address, subscription or endpoint
     * then, or the channel has no provider (intake writes no row for either).
     */
    private List<StoryDelivery> withMissingChannels(StoryNotification n, List<StoryDelivery> rows) {
        Set<String> covered = new LinkedHashSet<>();
        rows.forEach(d -> covered.add(d.channel()));
        List<StoryDelivery> all = new ArrayList<>(rows);
        Set<Channel> used = catalog.channelsOf(n.type());
        for (Channel channel : Channel.values()) {
            if (channel != Channel.IN_APP && used.contains(channel) && !covered.contains(channel.wire())) {
                all.add(StoryDelivery.missing(channel.wire(), statuses.whyNoRow(channel)));
            }
        }
        return all;
    }

    private List<Story.Deleted> deleted(String sql, String key, int limit) {
        List<Story.Deleted> deleted = new ArrayList<>();
        for (Object row : em.createNativeQuery(sql)
                .setParameter(1, key)
                .setParameter(2, limit)
                .getResultList()) {
            Object[] r = (Object[]) row;
            deleted.add(new Story.Deleted((String) r[0], (String) r[1], (String) r[2], instant(r[3])));
        }
        return deleted;
    }

    private List<Story.Parked> parked(String mention) {
        List<Story.Parked> parked = new ArrayList<>();
        for (Object row : em.createNativeQuery(PARKED)
                .setParameter(1, containing(mention))
                .getResultList()) {
            Object[] r = (Object[]) row;
            parked.add(new Story.Parked((String) r[0], instant(r[1]), (String) r[2]));
        }
        return parked;
    }

    /** An ILIKE pattern matching {@code text} anywhere, its own wildcards and escapes taken literally. */
    static String containing(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** The user's time zone for the explanation; UTC when none is set (or a stored one is not known here). */
    static ZoneId zone(String id) {
        if (id == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            // a zone the JVM no longer knows: the story shows UTC, and says so
            return ZoneOffset.UTC;
        }
    }
}
