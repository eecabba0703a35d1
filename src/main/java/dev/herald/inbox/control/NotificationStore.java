package dev.herald.inbox.control;

import dev.herald.inbox.entity.EventKey;
import dev.herald.inbox.entity.InboxChanged;
import dev.herald.inbox.entity.InboxChanges;
import dev.herald.inbox.entity.Notification;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
        StoredEvents.dropExisting(dataSource, fresh);
        if (fresh.isEmpty()) {
            return Appended.NOTHING;
        }
        Set<EventKey> stored = Set.copyOf(fresh.keySet());
        if (fresh.values().stream().noneMatch(n -> n.grouping().candidate().isPresent())) {
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
        Map<String, UserSequences.Sequence> sequences = UserSequences.reserve(dataSource, counts);
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
        NotificationTable.insert(dataSource, stored);
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
        Map<String, UserSequences.Sequence> sequences = UserSequences.reserve(dataSource, zero);

        Gathering gathering = new Gathering(AggregateRows.openAggregates(dataSource, fresh));
        gathering.route(fresh);
        gathering.absorb(AggregateRows.recordActors(dataSource, gathering.storedPairs()), now);

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
        UserSequences.advance(dataSource, counts);
        NotificationTable.insert(dataSource, gathering.created());
        AggregateRows.recordActorsOfNew(dataSource, gathering.batchActors());
        AggregateRows.recordAbsorbed(dataSource, gathering.absorptions(), now);
        NotificationTable.updateGathered(dataSource, gathering.gathered());
        NotificationTable.recordMoves(dataSource, gathering.gathered(), now);
        changes.fire(new InboxChanges(announced));
        return new Appended(gathering.created(), gathering.gathered(), stored);
    }
}
