package dev.herald.inbox.control;

import dev.herald.inbox.entity.InboxChanged;
import dev.herald.inbox.entity.InboxChanges;
import dev.herald.inbox.entity.Notification;
import dev.herald.platform.control.ArrayQuery;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Brings back notifications whose snooze has ended: at the top of the inbox with a new {@code seq}, unread, announced
 * like any change. Each user is taken with their row lock ({@code SKIP LOCKED}), so when several instances look at
 * once, each due notification comes back exactly once, and never while intake or the user is changing that inbox.
 */
@ApplicationScoped
public class Snoozes {
    /** Users brought back per transaction. */
    static final int USERS_PER_ROUND = 100;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Resource(lookup = "jdbc/herald")
    DataSource dataSource;

    @Inject
    Event<InboxChanges> changes;

    /** Wakes what is due at {@code now} for up to {@value #USERS_PER_ROUND} users; answers how many notifications. */
    @Transactional
    public int wakeDue(Instant now) {
        List<String> due = new ArrayList<>();
        ArrayQuery.run(
                dataSource,
                // the users whose snooze ended first; more than a round's worth, as some may be busy right now
                "SELECT recipient FROM notification WHERE snoozed_until <= (?::timestamptz[])[1]"
                        + " GROUP BY recipient ORDER BY min(snoozed_until) LIMIT " + 10 * USERS_PER_ROUND,
                List.<Object[]>of(new Timestamp[] {Timestamp.from(now)}),
                rows -> due.add(rows.getString(1)));
        if (due.isEmpty()) {
            return 0;
        }
        List<String> users = new ArrayList<>();
        ArrayQuery.run(
                dataSource,
                "SELECT s.recipient FROM unnest(?::varchar[]) WITH ORDINALITY AS k(recipient, i)"
                        + " JOIN user_sequence s ON s.recipient = k.recipient ORDER BY k.i"
                        + " LIMIT " + USERS_PER_ROUND + " FOR UPDATE OF s SKIP LOCKED",
                List.<Object[]>of(new TreeSet<>(due).toArray(String[]::new)),
                rows -> users.add(rows.getString(1)));
        if (users.isEmpty()) {
            return 0;
        }
        Map<String, List<Notification>> byUser = new LinkedHashMap<>();
        em.createQuery(
                        "SELECT n FROM Notification n WHERE n.recipient IN :users AND n.reading.snoozedUntil <= :now"
                                + " ORDER BY n.recipient, n.reading.snoozedUntil, n.seq",
                        Notification.class)
                .setParameter("users", users)
                .setParameter("now", now)
                .getResultList()
                .forEach(n -> byUser.computeIfAbsent(n.recipient(), u -> new ArrayList<>())
                        .add(n));
        if (byUser.isEmpty()) {
            return 0;
        }
        Map<String, Long> lastSeqs = reserve(byUser);
        List<Notification> woken = new ArrayList<>();
        byUser.forEach((user, notifications) -> {
            long next = lastSeqs.get(user) - notifications.size() + 1;
            for (Notification n : notifications) {
                n.wake(next++, now);
                woken.add(n);
            }
        });
        em.flush();
        NotificationTable.recordMoves(dataSource, woken, now);
        Map<String, Long> unread = unread(byUser.keySet());
        List<InboxChanged> announced = new ArrayList<>();
        byUser.forEach((user, notifications) -> {
            InboxChanged.Builder change = InboxChanged.of(user);
            notifications.forEach(change::returned);
            announced.add(change.unreadCount(unread.getOrDefault(user, 0L)));
        });
        changes.fire(new InboxChanges(announced));
        return woken.size();
    }

    /** Hands out the numbers the woken notifications take; answers each user's new last {@code seq}. */
    private Map<String, Long> reserve(Map<String, List<Notification>> byUser) {
        Map<String, Long> counts = new TreeMap<>();
        byUser.forEach((user, list) -> counts.put(user, (long) list.size()));
        Map<String, Long> last = new HashMap<>();
        ArrayQuery.run(
                dataSource,
                "UPDATE user_sequence s SET last_seq = s.last_seq + d.n"
                        + " FROM unnest(?::varchar[], ?::bigint[]) AS d(recipient, n) WHERE s.recipient = d.recipient"
                        + " RETURNING s.recipient, s.last_seq",
                List.of(counts.keySet().toArray(String[]::new), counts.values().toArray(Long[]::new)),
                rows -> last.put(rows.getString(1), rows.getLong(2)));
        return last;
    }

    private Map<String, Long> unread(Collection<String> users) {
        Map<String, Long> unread = new HashMap<>();
        ArrayQuery.run(
                dataSource,
                "SELECT recipient, unread FROM user_sequence WHERE recipient = ANY(?)",
                List.<Object[]>of(users.toArray(String[]::new)),
                rows -> unread.put(rows.getString(1), rows.getLong(2)));
        return unread;
    }
}
