package dev.herald.channel.control;

import dev.herald.channel.entity.Delivery;
import dev.herald.channel.entity.DeliveryStatus;
import dev.herald.inbox.entity.Notification;
import dev.herald.preference.control.Settings;
import dev.herald.preference.entity.Channel;
import dev.herald.preference.entity.Decision;
import dev.herald.preference.entity.Notice;
import dev.herald.preference.entity.Recipient;
import dev.herald.workflow.control.Workflows;
import dev.herald.workflow.entity.ChannelSteps;
import dev.herald.workflow.entity.Throttle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The workflow step runner: each round one transaction that takes up to {@code limit} delayed deliveries whose wait
 * ended ({@code FOR UPDATE SKIP LOCKED}, so instances share them and none is released twice) and moves each on. Its
 * notification gone, or got where the step's {@code unless} says (seen, read, archived): cancelled, with why. Otherwise
 * the user's preferences are decided at this instant, with their settings of now (a user who muted meanwhile holds
 * it, quiet hours hold it to their end, a digest takes it, a channel turned off skips it), and a row to send now is
 * queued for the relay, which publishes it in the same tick, unless its type's throttle has no room left in this
 * period (email then joins the user's digest at the next period, other channels wait for it). A crash before the commit leaves the rows delayed and
 * due; after it, queued rows are any instance's to publish.
 */
@ApplicationScoped
public class DueSteps {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Settings settings;

    @Inject
    Workflows workflows;

    /** Delayed deliveries by step, and how long the oldest due one has waited past its time. */
    public record Counts(Map<String, Long> pending, double overdueSeconds) {}

    @Transactional
    public Counts counts(Instant now) {
        List<?> rows = em.createNativeQuery("SELECT step, count(*), EXTRACT(EPOCH FROM (?1 - min(due_at)"
                        + " FILTER (WHERE due_at <= ?1))) FROM delivery WHERE status = 'delayed' GROUP BY step")
                .setParameter(1, Timestamp.from(now))
                .getResultList();
        Map<String, Long> pending = new HashMap<>();
        double overdue = 0;
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            if (r[0] != null) {
                pending.put((String) r[0], ((Number) r[1]).longValue());
            }
            if (r[2] != null) {
                overdue = Math.max(overdue, ((Number) r[2]).doubleValue());
            }
        }
        return new Counts(pending, overdue);
    }

    /** Moves on up to {@code limit} delayed deliveries that are due; answers how many it took. */
    @Transactional
    public int release(Instant now, int limit) {
        List<?> ids = em.createNativeQuery("SELECT id FROM delivery WHERE status = 'delayed' AND due_at <= ?1"
                        + " ORDER BY due_at LIMIT ?2 FOR UPDATE SKIP LOCKED")
                .setParameter(1, Timestamp.from(now))
                .setParameter(2, limit)
                .getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        List<Delivery> rows = em.createNamedQuery(Delivery.WITH_IDS, Delivery.class)
                .setParameter("ids", ids)
                .getResultList();
        Set<String> notificationIds =
                rows.stream().map(Delivery::notificationId).collect(Collectors.toSet());
        Map<String, Notification> notifications = em.createQuery(
                        "SELECT n FROM Notification n WHERE n.id IN :ids", Notification.class)
                .setParameter("ids", notificationIds)
                .getResultStream()
                .collect(Collectors.toMap(Notification::id, Function.identity()));
        Set<String> users = new LinkedHashSet<>();
        rows.forEach(d -> users.add(d.recipient()));
        Map<String, Recipient> recipients = settings.recipients(users);
        List<Going> going = new ArrayList<>();
        for (Delivery row : rows) {
            Notification n = notifications.get(row.notificationId());
            if (n == null) {
                row.cancel("the notification was deleted before it went", now);
                continue;
            }
            if (row.cancelIfMet(n.reading(), now)) {
                continue;
            }
            Channel channel = Channel.of(row.channel()).orElseThrow();
            Recipient recipient = recipients.getOrDefault(row.recipient(), Recipient.DEFAULT);
            Decision decision = recipient
                    .preferences()
                    .decide(channel, new Notice(n.category(), false, Set.of(channel)), now, recipient.zone());
            Optional<Throttle> throttle = Optional.ofNullable(
                            workflows.workflowOf(n.type()).channels().get(channel))
                    .map(ChannelSteps::throttle);
            if (decision.deliversNow() && throttle.isPresent()) {
                going.add(new Going(row, n, decision, throttle.get()));
            } else {
                release(row, n, decision, now);
            }
        }
        if (!going.isEmpty()) {
            throttle(going, now);
        }
        return ids.size();
    }

    /** A row the preferences let go now, on a channel its type throttles. */
    private record Going(Delivery row, Notification notification, Decision decision, Throttle throttle) {
        Quota quota(Instant now) {
            return new Quota(row.recipient(), row.channel(), "type:" + notification.type(), throttle.periodStart(now));
        }
    }

    /** One recipient's count on one channel in one throttle period. */
    private record Quota(String recipient, String channel, String scope, Instant periodStart)
            implements Comparable<Quota> {
        @Override
        public int compareTo(Quota o) {
            return Comparator.comparing(Quota::recipient)
                    .thenComparing(Quota::channel)
                    .thenComparing(Quota::scope)
                    .thenComparing(Quota::periodStart)
                    .compare(this, o);
        }
    }

    /**
     * Lets through, oldest first, as many as each throttle's period has room for, counted in {@code send_quota} (its
     * rows locked in one order, so instances releasing the same user's rows wait for each other instead of both
     * counting from the same number). The rest are never dropped: email joins the user's digest at the next period,
     * the other channels wait for it.
     */
    private void throttle(List<Going> going, Instant now) {
        Map<Quota, Integer> used = new TreeMap<>();
        going.forEach(g -> used.put(g.quota(now), 0));
        for (Quota q : used.keySet()) {
            em.createNativeQuery("INSERT INTO send_quota (recipient, channel, scope, period_start, used)"
                            + " VALUES (?1, ?2, ?3, ?4, 0) ON CONFLICT DO NOTHING")
                    .setParameter(1, q.recipient())
                    .setParameter(2, q.channel())
                    .setParameter(3, q.scope())
                    .setParameter(4, Timestamp.from(q.periodStart()))
                    .executeUpdate();
            Number count = (Number) em.createNativeQuery("SELECT used FROM send_quota WHERE recipient = ?1"
                            + " AND channel = ?2 AND scope = ?3 AND period_start = ?4 FOR UPDATE")
                    .setParameter(1, q.recipient())
                    .setParameter(2, q.channel())
                    .setParameter(3, q.scope())
                    .setParameter(4, Timestamp.from(q.periodStart()))
                    .getSingleResult();
            used.put(q, count.intValue());
        }
        Map<Quota, Integer> before = new TreeMap<>(used);
        going.sort(Comparator.comparing((Going g) -> g.row().dueAt())
                .thenComparing(g -> g.row().id()));
        for (Going g : going) {
            Quota q = g.quota(now);
            int count = used.get(q);
            if (count < g.throttle().max()) {
                used.put(q, count + 1);
                release(g.row(), g.notification(), g.decision(), now);
                continue;
            }
            Instant next = g.throttle().nextPeriod(now);
            if (g.row().channel().equals(Channel.EMAIL.wire())) {
                String why = "digest the throttle folds into (at most "
                        + g.throttle().describe() + ")";
                release(g.row(), g.notification(), Decision.digest(next, why), now);
            } else {
                String why = "throttled: at most " + g.throttle().describe() + "; waits for the next period";
                g.row().waitFor(next, why, now);
            }
        }
        used.forEach((q, count) -> {
            if (!count.equals(before.get(q))) {
                em.createNativeQuery("UPDATE send_quota SET used = ?5 WHERE recipient = ?1 AND channel = ?2"
                                + " AND scope = ?3 AND period_start = ?4")
                        .setParameter(1, q.recipient())
                        .setParameter(2, q.channel())
                        .setParameter(3, q.scope())
                        .setParameter(4, Timestamp.from(q.periodStart()))
                        .setParameter(5, count)
                        .executeUpdate();
            }
        });
    }

    /** Moves one row on as {@code decision} says; a batch tells how many events its one message carries. */
    private void release(Delivery row, Notification n, Decision decision, Instant now) {
        int events = n.grouping().eventCount();
        String note = row.step().filter(ChannelSteps.BATCH::equals).isPresent()
                ? "batched: " + events + (events == 1 ? " event" : " events") + " in one message"
                : null;
        if (row.release(decision, note, now) == DeliveryStatus.DIGEST) {
            em.createNativeQuery("INSERT INTO digest (recipient, channel, due_at) VALUES (?1, ?2, ?3)"
                            + " ON CONFLICT (recipient, channel) DO UPDATE SET due_at = LEAST(digest.due_at,"
                            + " EXCLUDED.due_at)")
                    .setParameter(1, row.recipient())
                    .setParameter(2, row.channel())
                    .setParameter(3, Timestamp.from(decision.until()))
                    .executeUpdate();
        }
    }
}
