package dev.herald.inbox.control;

import dev.herald.inbox.entity.EventKey;
import dev.herald.inbox.entity.Notification;
import dev.herald.platform.control.ArrayQuery;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** The idempotency keys of events already in an inbox, whichever way they were stored. */
final class StoredEvents {
    private StoredEvents() {}

    /**
     * Drops the candidates whose event is already in an inbox: stored as a notification, absorbed by an aggregate,
     * or deleted (tombstone).
     */
    static void dropExisting(DataSource dataSource, Map<EventKey, Notification> fresh) {
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
}
