package dev.herald.inbox.control;

import static dev.herald.platform.control.ArrayQuery.timestamp;

import dev.herald.inbox.control.Gathering.ActorPair;
import dev.herald.inbox.entity.EventKey;
import dev.herald.inbox.entity.InboxChanged;
import dev.herald.inbox.entity.InboxChanges;
import dev.herald.inbox.entity.Notification;
import dev.herald.platform.control.ArrayQuery;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Appends notifications to inboxes inside the caller's transaction: drops those whose event was already stored,
 * gathered into an aggregate or deleted; gathers events of aggregated types into the newest open aggregate of their
 * group (under the recipient's row lock, so several instances never open two); hands out each user's next
 * {@code seq}s; writes everything with one statement per kind of row; and announces every user's change as one domain
 * event, observed after commit. Each statement takes array parameters, whatever the batch size.
 */
@ApplicationScoped
public class NotificationStore {
    @Inject
    Event<InboxChanges> changes;

    @Inject
    Clock clock;

    @Resource(lookup = "jdbc/herald")
    DataSource dataSource;

    /**
     * What one append did: the notifications it created, the stored aggregates that gathered new events, and the
     * (event, recipient) pairs that were new, whichever way they were stored.
     */
    public record Appended(List<Notification> created, List<Notification> gathered, Set<EventKey> stored) {
        static final Appended NOTHING = new Appended(List.of(), List.of(), Set.of());

        public int size() {
            return created.size() + gathered.size();
        }
    }

    /** Stores what is new among {@code candidates}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Appended append(List<Notification> candidates) {
        Map<EventKey, Notification> fresh = new LinkedHashMap<>();
        candidates.forEach(n -> fresh.putIfAbsent(n.eventKey(), n));
        dropExisting(fresh);
        if (fresh.isEmpty()) {
            return Appended.NOTHING;
        }
        Set<EventKey> stored = Set.copyOf(fresh.keySet());
        if (fresh.values().stream().noneMatch(n -> n.aggregation().isPresent())) {
            return new Appended(appendPlain(fresh.values()), List.of(), stored);
        }
        return appendGathering(fresh.values(), stored);
    }

    /** Plain notifications only: reserving the numbers is the one statement that also locks each user's row. */
    private List<Notification> appendPlain(Collection<Notification> fresh) {
        Map<String, List<Notification>> byRecipient = new TreeMap<>();
        fresh.forEach(n -> byRecipient
                .computeIfAbsent(n.recipient(), r -> new ArrayList<>())
                .add(n));
        Map<String, Long> counts = new TreeMap<>();
        byRecipient.forEach((recipient, list) -> counts.put(recipient, (long) list.size()));
        Map<String, Sequence> sequences = reserve(counts);
        List<Notification> stored = new ArrayList<>(fresh.size());
        List<InboxChanged> announced = new ArrayList<>(byRecipient.size());
        byRecipient.forEach((recipient, notifications) -> {
            long next = sequences.get(recipient).lastSeq() - notifications.size() + 1;
            InboxChanged.Builder change = InboxChanged.of(recipient);
            for (Notification n : notifications) {
                n.assignSeq(next++);
                stored.add(n);
                change.created(n);
            }
            announced.add(change.unreadCount(sequences.get(recipient).unreadBefore() + notifications.size()));
        });
        insert(stored);
        changes.fire(new InboxChanges(announced));
        return stored;
    }

    /**
     * A batch with events of aggregated types: lock every recipient's row first (sorted, as the plain path does, so
     * writers never deadlock), then read the open aggregates (committed by any instance before the lock was granted),
     * gather, and number what was touched.
     */
    private Appended appendGathering(Collection<Notification> fresh, Set<EventKey> stored) {
        Instant now = clock.instant();
        Set<String> recipients = new TreeSet<>();
        fresh.forEach(n -> recipients.add(n.recipient()));
        Map<String, Long> zero = new TreeMap<>();
        recipients.forEach(r -> zero.put(r, 0L));
        Map<String, Sequence> sequences = reserve(zero);

        Gathering gathering = new Gathering(openAggregates(fresh));
        gathering.route(fresh);
        gathering.absorb(recordActors(gathering.storedPairs()), now);

        Map<String, List<Notification>> touched = gathering.touchedByRecipient();
        Map<String, Long> counts = new TreeMap<>();
        List<InboxChanged> announced = new ArrayList<>(touched.size());
        touched.forEach((recipient, notifications) -> {
            long next = sequences.get(recipient).lastSeq() + 1;
            InboxChanged.Builder change = InboxChanged.of(recipient);
            long created = 0;
            for (Notification n : notifications) {
                if (gathering.wasStored(n)) {
                    n.moveTo(next++);
                    change.aggregated(n);
                } else {
                    n.assignSeq(next++);
                    change.created(n);
                    created++;
                }
            }
            counts.put(recipient, (long) notifications.size());
            long unread = sequences.get(recipient).unreadBefore() + created + gathering.reopened(recipient);
            announced.add(change.unreadCount(unread));
        });
        advance(counts);
        insert(gathering.created());
        recordActorsOfNew(gathering.batchActors());
        recordAbsorbed(gathering.absorptions(), now);
        update(gathering.gathered());
        NotificationRows.recordMoves(dataSource, gathering.gathered(), now);
        changes.fire(new InboxChanges(announced));
        return new Appended(gathering.created(), gathering.gathered(), stored);
    }

    /** One multi-row insert through the transaction's connection (JPA's unit of work cost more CPU than the rows). */
    private void insert(List<Notification> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<Function<Notification, Object>> texts = List.of(
                Notification::id,
                Notification::recipient,
                n -> n.eventKey().source(),
                n -> n.eventKey().eventId(),
                Notification::type,
                Notification::category,
                Notification::priority,
                Notification::locale,
                Notification::title,
                Notification::body,
                Notification::data,
                Notification::actors,
                Notification::groupKey);
        List<Object[]> arrays = new ArrayList<>();
        for (Function<Notification, Object> column : texts) {
            arrays.add(rows.stream().map(column).toArray(String[]::new));
        }
        arrays.add(rows.stream().map(n -> timestamp(n.windowEndsAt())).toArray(Timestamp[]::new));
        arrays.add(rows.stream().map(Notification::actorCount).toArray(Integer[]::new));
        arrays.add(rows.stream().map(Notification::eventCount).toArray(Integer[]::new));
        arrays.add(rows.stream().map(Notification::seq).toArray(Long[]::new));
        arrays.add(rows.stream().map(n -> timestamp(n.createdAt())).toArray(Timestamp[]::new));
        arrays.add(rows.stream().map(Notification::silent).toArray(Boolean[]::new));
        ArrayQuery.run(
                dataSource,
                "INSERT INTO notification (id, recipient, source, event_id, type, category, priority, locale, title,"
                        + " body, data, actors, group_key, window_ends_at, actor_count, event_count, seq, created_at,"
                        + " updated_at, silent)"
                        + " SELECT r.id, r.recipient, r.source, r.event_id, r.type, r.category, r.priority, r.locale,"
                        + " r.title, r.body, r.data::jsonb, r.actors::jsonb, r.group_key, r.window_ends_at,"
                        + " r.actor_count, r.event_count, r.seq, r.created_at, r.created_at, r.silent"
                        + " FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],"
                        + " ?::varchar[], ?::varchar[], ?::varchar[], ?::text[], ?::text[], ?::text[], ?::text[],"
                        + " ?::varchar[], ?::timestamptz[], ?::integer[], ?::integer[], ?::bigint[], ?::timestamptz[],"
                        + " ?::boolean[])"
                        + " AS r(id, recipient, source, event_id, type, category, priority, locale, title, body, data,"
                        + " actors, group_key, window_ends_at, actor_count, event_count, seq, created_at, silent)",
                arrays,
                null);
    }

    /** Writes the aggregates that gathered events, as their intent methods left them. */
    private void update(List<Notification> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<Object[]> arrays = List.of(
                rows.stream().map(Notification::id).toArray(String[]::new),
                rows.stream().map(Notification::seq).toArray(Long[]::new),
                rows.stream().map(Notification::title).toArray(String[]::new),
                rows.stream().map(Notification::body).toArray(String[]::new),
                rows.stream().map(Notification::data).toArray(String[]::new),
                rows.stream().map(Notification::actors).toArray(String[]::new),
                rows.stream().map(Notification::locale).toArray(String[]::new),
                rows.stream().map(Notification::actorCount).toArray(Integer[]::new),
                rows.stream().map(Notification::eventCount).toArray(Integer[]::new),
                rows.stream().map(n -> timestamp(n.updatedAt())).toArray(Timestamp[]::new),
                rows.stream().map(Notification::silent).toArray(Boolean[]::new));
        ArrayQuery.run(
                dataSource,
                "UPDATE notification n SET seq = r.seq, title = r.title, body = r.body, data = r.data::jsonb,"
                        + " actors = r.actors::jsonb, locale = r.locale, actor_count = r.actor_count,"
                        + " event_count = r.event_count, read_at = NULL, seen_at = NULL, updated_at = r.updated_at,"
                        + " silent = r.silent"
                        + " FROM unnest(?::varchar[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],"
                        + " ?::varchar[], ?::integer[], ?::integer[], ?::timestamptz[], ?::boolean[])"
                        + " AS r(id, seq, title, body, data, actors, locale, actor_count, event_count, updated_at,"
                        + " silent)"
                        + " WHERE n.id = r.id",
                arrays,
                null);
    }

    /** The newest stored aggregate of each (recipient, type, group) the candidates belong to. */
    private List<Notification> openAggregates(Collection<Notification> fresh) {
        Set<Gathering.Key> keys = new HashSet<>();
        fresh.forEach(n ->
                n.aggregation().ifPresent(a -> keys.add(new Gathering.Key(n.recipient(), n.type(), a.groupKey()))));
        List<Notification> open = new ArrayList<>();
        ArrayQuery.run(
                dataSource,
                // one index probe per key (the partial index on (recipient, type, group_key, seq DESC)): a join
                // over the keys let the planner scan the whole table once per batch
                "SELECT n.* FROM unnest(?::varchar[], ?::varchar[], ?::varchar[]) AS k(recipient, type, group_key)"
                        + " CROSS JOIN LATERAL (SELECT " + NotificationRows.COLUMNS + " FROM notification"
                        + " WHERE recipient = k.recipient AND type = k.type AND group_key = k.group_key"
                        + " AND group_key IS NOT NULL ORDER BY seq DESC LIMIT 1) n",
                List.of(
                        keys.stream().map(Gathering.Key::recipient).toArray(String[]::new),
                        keys.stream().map(Gathering.Key::type).toArray(String[]::new),
                        keys.stream().map(Gathering.Key::group).toArray(String[]::new)),
                rows -> open.add(NotificationRows.restore(rows)));
        return open;
    }

    /** Records the actors of stored aggregates; answers the pairs that were new. */
    private Set<ActorPair> recordActors(Set<ActorPair> pairs) {
        Set<ActorPair> added = new HashSet<>();
        if (pairs.isEmpty()) {
            return added;
        }
        ArrayQuery.run(
                dataSource,
                "INSERT INTO notification_actor (notification_id, actor_id)"
                        + " SELECT * FROM unnest(?::varchar[], ?::varchar[]) ON CONFLICT DO NOTHING"
                        + " RETURNING notification_id, actor_id",
                List.of(
                        pairs.stream().map(ActorPair::notificationId).toArray(String[]::new),
                        pairs.stream().map(ActorPair::actorId).toArray(String[]::new)),
                rows -> added.add(new ActorPair(rows.getString(1), rows.getString(2))));
        return added;
    }

    private void recordActorsOfNew(Set<ActorPair> pairs) {
        if (pairs.isEmpty()) {
            return;
        }
        ArrayQuery.run(
                dataSource,
                "INSERT INTO notification_actor (notification_id, actor_id)"
                        + " SELECT * FROM unnest(?::varchar[], ?::varchar[]) ON CONFLICT DO NOTHING",
                List.of(
                        pairs.stream().map(ActorPair::notificationId).toArray(String[]::new),
                        pairs.stream().map(ActorPair::actorId).toArray(String[]::new)),
                null);
    }

    /** Keeps the key of every event an aggregate absorbed, so a redelivery is recognised and not counted again. */
    private void recordAbsorbed(List<Gathering.Absorption> absorptions, Instant now) {
        if (absorptions.isEmpty()) {
            return;
        }
        List<EventKey> keys =
                absorptions.stream().map(a -> a.event().eventKey()).toList();
        ArrayQuery.run(
                dataSource,
                "INSERT INTO absorbed_event (source, event_id, recipient, notification_id, absorbed_at)"
                        + " SELECT r.*, (?::timestamptz[])[1] FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[])"
                        + " AS r(source, event_id, recipient, notification_id)",
                List.of(
                        new Timestamp[] {timestamp(now)},
                        keys.stream().map(EventKey::source).toArray(String[]::new),
                        keys.stream().map(EventKey::eventId).toArray(String[]::new),
                        keys.stream().map(EventKey::recipient).toArray(String[]::new),
                        absorptions.stream().map(a -> a.target().id()).toArray(String[]::new)),
                null);
    }

    /**
     * Drops the candidates whose event is already in an inbox: stored as a notification, absorbed by an aggregate,
     * or deleted (tombstone).
     */
    private void dropExisting(Map<EventKey, Notification> fresh) {
        if (fresh.isEmpty()) {
            return;
        }
        String[] eventIds =
                fresh.keySet().stream().map(EventKey::eventId).distinct().toArray(String[]::new);
        ArrayQuery.run(
                dataSource,
                "SELECT source, event_id, recipient FROM notification WHERE event_id = ANY(?) UNION ALL"
                        + " SELECT source, event_id, recipient FROM absorbed_event WHERE event_id = ANY(?) UNION ALL"
                        + " SELECT source, event_id, recipient FROM notification_tombstone WHERE event_id = ANY(?)",
                List.of(eventIds, eventIds, eventIds),
                rows -> fresh.remove(new EventKey(rows.getString(1), rows.getString(2), rows.getString(3))));
    }

    /** A user's row of {@code user_sequence} once this transaction reserved its numbers. */
    private record Sequence(long lastSeq, long unreadBefore) {}

    /**
     * Reserves each user's next numbers in one statement (zero only locks the row); answers each user's last number
     * and unread count (kept by the database's triggers on {@code notification}). The rows are upserted in the map's
     * sorted order, which is the order their locks are taken; they stay locked until commit.
     */
    private Map<String, Sequence> reserve(Map<String, Long> counts) {
        Map<String, Sequence> sequences = new HashMap<>();
        ArrayQuery.run(
                dataSource,
                "INSERT INTO user_sequence (recipient, last_seq) SELECT * FROM unnest(?::varchar[], ?::bigint[])"
                        + " ON CONFLICT (recipient) DO UPDATE SET last_seq = user_sequence.last_seq + EXCLUDED.last_seq"
                        + " RETURNING recipient, last_seq, unread",
                List.of(counts.keySet().toArray(String[]::new), counts.values().toArray(Long[]::new)),
                rows -> sequences.put(rows.getString(1), new Sequence(rows.getLong(2), rows.getLong(3))));
        return sequences;
    }

    /** Moves each user's last number on by what this transaction handed out (their rows are already locked). */
    private void advance(Map<String, Long> counts) {
        ArrayQuery.run(
                dataSource,
                "UPDATE user_sequence s SET last_seq = s.last_seq + d.n"
                        + " FROM unnest(?::varchar[], ?::bigint[]) AS d(recipient, n) WHERE s.recipient = d.recipient",
                List.of(counts.keySet().toArray(String[]::new), counts.values().toArray(Long[]::new)),
                null);
    }
}
