package dev.herald.inbox.control;

import static dev.herald.platform.control.ArrayQuery.timestamp;

import dev.herald.inbox.control.Gathering.ActorPair;
import dev.herald.inbox.entity.EventKey;
import dev.herald.inbox.entity.Notification;
import dev.herald.platform.control.ArrayQuery;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The rows aggregation keeps beside the notifications: the newest stored aggregate of each group, the actors each
 * aggregate counted ({@code notification_actor}) and the events it absorbed ({@code absorbed_event}), each read or
 * written with one array statement per batch.
 */
final class AggregateRows {
    private AggregateRows() {}

    /** The newest stored aggregate of each (recipient, type, group) the candidates belong to. */
    static List<Notification> openAggregates(DataSource dataSource, Collection<Notification> fresh) {
        Set<Gathering.Key> keys = new HashSet<>();
        fresh.forEach(n -> n.grouping()
                .candidate()
                .ifPresent(a -> keys.add(new Gathering.Key(n.recipient(), n.type(), a.groupKey()))));
        List<Notification> open = new ArrayList<>();
        ArrayQuery.run(
                dataSource,
                // one index probe per key (the partial index on (recipient, type, group_key, seq DESC)): a join
                // over the keys let the planner scan the whole table once per batch
                "SELECT n.* FROM unnest(?::varchar[], ?::varchar[], ?::varchar[]) AS k(recipient, type, group_key)"
                        + " CROSS JOIN LATERAL (SELECT " + NotificationTable.COLUMNS + " FROM notification"
                        + " WHERE recipient = k.recipient AND type = k.type AND group_key = k.group_key"
                        + " AND group_key IS NOT NULL ORDER BY seq DESC LIMIT 1) n",
                List.of(
                        keys.stream().map(Gathering.Key::recipient).toArray(String[]::new),
                        keys.stream().map(Gathering.Key::type).toArray(String[]::new),
                        keys.stream().map(Gathering.Key::group).toArray(String[]::new)),
                rows -> open.add(NotificationTable.restore(rows)));
        return open;
    }

    /** Records the actors of stored aggregates; answers the pairs that were new. */
    static Set<ActorPair> recordActors(DataSource dataSource, Set<ActorPair> pairs) {
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

    static void recordActorsOfNew(DataSource dataSource, Set<ActorPair> pairs) {
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
    static void recordAbsorbed(DataSource dataSource, List<Gathering.Absorption> absorptions, Instant now) {
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
}
