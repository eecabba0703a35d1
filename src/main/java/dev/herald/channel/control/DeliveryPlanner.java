package dev.herald.channel.control;

import dev.herald.channel.entity.DeliveryStatus;
import dev.herald.inbox.entity.Notification;
import dev.herald.platform.control.ArrayQuery;
import dev.herald.preference.entity.Channel;
import dev.herald.preference.entity.Decision;
import dev.herald.workflow.entity.ChannelSteps;
import dev.herald.workflow.entity.Fallback;
import dev.herald.workflow.entity.Unless;
import dev.herald.workflow.entity.Workflow;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The outbox's writer: inside the intake transaction, for each new notification and each channel its type uses
 * besides the inbox, follows the decision intake took on the recipient's preferences and writes one delivery row per
 * target, with the decision's code and reason: queued (due now), held (due when quiet hours end, or until the user
 * unmutes), in the next email digest, delayed by the type's workflow (decided again when the delay ends), or skipped. A user the channel cannot reach (no
 * address, no subscription, no endpoint) gets no row: the status API reports that as {@code skipped: no address}.
 * One query per channel for the whole batch finds the targets; nothing at all is read when no type of the batch uses a
 * channel besides the inbox. Each notification is told the status each channel starts with, for its live frame.
 */
@ApplicationScoped
public class DeliveryPlanner {
    @Inject
    Providers providers;

    @Resource(lookup = "jdbc/herald")
    DataSource dataSource;

    /**
     * One new notification, what its recipient's preferences decided on the inbox and each channel it uses, its type's
     * workflow and the recipient's time zone (for a delay to a local time).
     */
    public record Planned(
            Notification notification, Map<Channel, Decision> decisions, Workflow workflow, ZoneId zone) {}

    @Transactional(Transactional.TxType.MANDATORY)
    public void plan(List<Planned> batch, Instant now) {
        Map<Channel, Set<String>> usersOf = new EnumMap<>(Channel.class);
        for (Planned p : batch) {
            for (Channel channel : p.decisions().keySet()) {
                if (channel != Channel.IN_APP && providers.enabled(channel)) {
                    usersOf.computeIfAbsent(channel, c -> new LinkedHashSet<>())
                            .add(p.notification().recipient());
                }
            }
        }
        Map<Channel, Map<String, List<String>>> targets = new EnumMap<>(Channel.class);
        usersOf.forEach(
                (channel, users) -> targets.put(channel, providers.of(channel).targets(users)));
        Rows rows = new Rows(now);
        for (Planned p : batch) {
            Map<String, String> report = new TreeMap<>();
            Fallback fallback = p.workflow().fallback();
            for (Channel channel : p.decisions().keySet()) {
                if (channel == Channel.IN_APP || fallback.has(channel)) {
                    continue;
                }
                List<String> reachable = reachable(targets, channel, p);
                DeliveryStatus status =
                        reachable.isEmpty() ? DeliveryStatus.SKIPPED : plan(p, channel, reachable, rows, now);
                report.put(channel.wire(), status.wire());
            }
            if (!fallback.isEmpty()) {
                planFallback(p, fallback, targets, rows, report, now);
            }
            p.notification().handling().reportChannels(report);
        }
        rows.insert(dataSource);
    }

    private static List<String> reachable(Map<Channel, Map<String, List<String>>> targets, Channel channel, Planned p) {
        List<String> reachable =
                targets.getOrDefault(channel, Map.of()).get(p.notification().recipient());
        return reachable == null ? List.of() : reachable;
    }

    /**
     * The fallback order: the first channel that can reach the user and is not turned off goes as its preferences
     * decide; each one after it waits until its {@code after} (counted from that first one), as a delayed row that
     * its {@code unless} cancels and that goes at once when the channel before it could not deliver.
     */
    private static void planFallback(
            Planned p,
            Fallback fallback,
            Map<Channel, Map<String, List<String>>> targets,
            Rows rows,
            Map<String, String> report,
            Instant now) {
        Notification n = p.notification();
        Duration start = null;
        Channel before = null;
        for (Fallback.Entry entry : fallback.entries()) {
            Channel channel = entry.channel();
            Decision decision = p.decisions().get(channel);
            if (decision == null) {
                continue;
            }
            List<String> reachable = reachable(targets, channel, p);
            DeliveryStatus status;
            if (!entry.appliesTo(n.handling().priority())) {
                status = rows.add(
                        n,
                        channel,
                        null,
                        DeliveryStatus.SKIPPED,
                        Decision.skip("fallback: " + channel.wire() + " is only for " + entry.priorities()),
                        null);
            } else if (reachable.isEmpty() || decision.kind() == Decision.Kind.SKIP) {
                // the next one starts in its place
                status = reachable.isEmpty()
                        ? DeliveryStatus.SKIPPED
                        : rows.add(n, channel, null, DeliveryStatus.SKIPPED, decision, null);
            } else if (start == null) {
                start = entry.after();
                before = channel;
                status = plan(p, channel, reachable, rows, now);
            } else {
                Instant due = now.plus(entry.after().minus(start));
                String why = "fallback after " + before.wire() + ": waits "
                        + entry.after().minus(start) + ", unless "
                        + entry.unless().wire();
                Channel previous = before;
                reachable.forEach(t -> {
                    rows.add(n, channel, t, DeliveryStatus.DELAYED, decision, due);
                    rows.delayed(why, ChannelSteps.FALLBACK, entry.unless().wire(), previous);
                });
                before = channel;
                status = DeliveryStatus.DELAYED;
            }
            report.put(channel.wire(), status.wire());
        }
    }

    /**
     * Moves the send of each aggregate that gathered events in a sliding batch: due when no event joined it for the
     * window, at most the batch's maximum after it was planned. A row being released right now is left alone
     * ({@code SKIP LOCKED}): its batch is closing anyway.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void extend(List<Gathered> gathered, Instant now) {
        List<String> ids = new ArrayList<>();
        List<String> channels = new ArrayList<>();
        List<Long> windows = new ArrayList<>();
        List<Long> maxima = new ArrayList<>();
        for (Gathered g : gathered) {
            g.workflow().channels().forEach((channel, steps) -> {
                if (steps.batch() != null && steps.batch().sliding()) {
                    ids.add(g.notification().id());
                    channels.add(channel.wire());
                    windows.add(steps.batch().window().toSeconds());
                    maxima.add(steps.batch().max().toSeconds());
                }
            });
        }
        if (ids.isEmpty()) {
            return;
        }
        ArrayQuery.run(
                dataSource,
                "WITH r AS (SELECT * FROM unnest(?, ?, ?, ?) AS r(n, c, win, most)), locked AS (SELECT d.id, r.win,"
                        + " r.most FROM delivery d JOIN r ON d.notification_id = r.n AND d.channel = r.c"
                        + " WHERE d.status = 'delayed' AND d.step = 'batch' FOR UPDATE OF d SKIP LOCKED)"
                        + " UPDATE delivery d SET due_at = LEAST(d.created_at + locked.most * interval '1 second',"
                        + " (?::timestamptz[])[1] + locked.win * interval '1 second') FROM locked"
                        + " WHERE d.id = locked.id",
                List.of(
                        ids.toArray(String[]::new),
                        channels.toArray(String[]::new),
                        windows.toArray(Long[]::new),
                        maxima.toArray(Long[]::new),
                        new Timestamp[] {Timestamp.from(now)}),
                null);
    }

    /** An aggregate that gathered events in this batch, and its type's workflow. */
    public record Gathered(Notification notification, Workflow workflow) {}

    private static DeliveryStatus plan(Planned p, Channel channel, List<String> reachable, Rows rows, Instant now) {
        Decision decision = p.decisions().get(channel);
        Notification n = p.notification();
        Optional<ChannelSteps> steps = decision.kind() == Decision.Kind.SKIP
                ? Optional.empty()
                : p.workflow().steps(channel, "critical".equals(n.handling().priority()));
        if (steps.isPresent()) {
            // the preferences are decided again when the step releases it, with the settings of that moment
            Instant due = steps.get().due(now, p.zone(), n.recipient());
            String unless = steps.get().unlessCondition().map(Unless::wire).orElse(null);
            reachable.forEach(t -> {
                rows.add(n, channel, t, DeliveryStatus.DELAYED, decision, due);
                rows.delayed(steps.get().describe(), steps.get().waitsFor(), unless, null);
            });
            return DeliveryStatus.DELAYED;
        }
        return switch (decision.kind()) {
            case SKIP -> rows.add(n, channel, null, DeliveryStatus.SKIPPED, decision, null);
            case DELIVER -> {
                reachable.forEach(t -> rows.add(n, channel, t, DeliveryStatus.QUEUED, decision, now));
                yield DeliveryStatus.QUEUED;
            }
            case DIGEST -> {
                if (channel == Channel.EMAIL) {
                    rows.digest(n.recipient(), decision.until());
                    yield rows.add(n, channel, null, DeliveryStatus.DIGEST, decision, null);
                }
                // only email gathers a digest; other channels hold to the digest's time and send each one then
                reachable.forEach(t -> rows.add(n, channel, t, DeliveryStatus.HELD, decision, decision.until()));
                yield DeliveryStatus.HELD;
            }
            case HOLD_UNTIL, HOLD_WHILE_MUTED -> {
                reachable.forEach(t -> rows.add(n, channel, t, DeliveryStatus.HELD, decision, decision.until()));
                yield DeliveryStatus.HELD;
            }
        };
    }

    /** The batch's delivery rows (and digests to schedule) as one array per column. */
    private static final class Rows {
        private final Timestamp at;
        private final List<String> ids = new ArrayList<>();
        private final List<String> notifications = new ArrayList<>();
        private final List<String> recipients = new ArrayList<>();
        private final List<String> channels = new ArrayList<>();
        private final List<String> targets = new ArrayList<>();
        private final List<String> statuses = new ArrayList<>();
        private final List<String> reasons = new ArrayList<>();
        private final List<String> decisions = new ArrayList<>();
        private final List<Timestamp> dues = new ArrayList<>();
        private final List<String> stepsOf = new ArrayList<>();
        private final List<String> unlesses = new ArrayList<>();
        private final List<String> fallbackOf = new ArrayList<>();
        private final List<String> digestUsers = new ArrayList<>();
        private final List<Timestamp> digestDues = new ArrayList<>();

        Rows(Instant now) {
            this.at = Timestamp.from(now);
        }

        DeliveryStatus add(
                Notification n, Channel channel, String target, DeliveryStatus status, Decision decision, Instant due) {
            ids.add(UUID.randomUUID().toString());
            notifications.add(n.id());
            recipients.add(n.recipient());
            channels.add(channel.wire());
            targets.add(target);
            statuses.add(status.wire());
            // a delivery sent now needs no reason in the user's story: "queued" says it
            reasons.add(decision.deliversNow() ? null : decision.reason());
            decisions.add(decision.kind().code());
            dues.add(due == null ? null : Timestamp.from(due));
            stepsOf.add(null);
            unlesses.add(null);
            fallbackOf.add(null);
            return status;
        }

        /**
         * Marks the row just added as held by a workflow step: why (for the story), the step, what cancels it and the
         * channel it backs up (a fallback).
         */
        void delayed(String why, String step, String unless, Channel backs) {
            int last = ids.size() - 1;
            reasons.set(last, why);
            stepsOf.set(last, step);
            unlesses.set(last, unless);
            fallbackOf.set(last, backs == null ? null : backs.wire());
        }

        void digest(String user, Instant due) {
            digestUsers.add(user);
            digestDues.add(Timestamp.from(due));
        }

        void insert(DataSource dataSource) {
            if (!ids.isEmpty()) {
                ArrayQuery.run(
                        dataSource,
                        "INSERT INTO delivery (id, notification_id, recipient, channel, target, status, reason, decision,"
                                + " due_at, step, unless_state, fallback_of, created_at, updated_at) SELECT r.id, r.n,"
                                + " r.u, r.c, r.t, r.s, r.why, r.kind, r.due, r.step, r.unless, r.backs,"
                                + " (?::timestamptz[])[1], (?::timestamptz[])[1]"
                                + " FROM unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                + " AS r(id, n, u, c, t, s, why, kind, due, step, unless, backs)",
                        List.of(
                                new Timestamp[] {at},
                                new Timestamp[] {at},
                                ids.toArray(String[]::new),
                                notifications.toArray(String[]::new),
                                recipients.toArray(String[]::new),
                                channels.toArray(String[]::new),
                                targets.toArray(String[]::new),
                                statuses.toArray(String[]::new),
                                reasons.toArray(String[]::new),
                                decisions.toArray(String[]::new),
                                dues.toArray(Timestamp[]::new),
                                stepsOf.toArray(String[]::new),
                                unlesses.toArray(String[]::new),
                                fallbackOf.toArray(String[]::new)),
                        null);
            }
            if (!digestUsers.isEmpty()) {
                ArrayQuery.run(
                        dataSource,
                        "INSERT INTO digest (recipient, channel, due_at) SELECT DISTINCT ON (r.u) r.u, 'email', r.due"
                                + " FROM unnest(?, ?) AS r(u, due) ORDER BY r.u, r.due"
                                + " ON CONFLICT (recipient, channel) DO UPDATE SET due_at = LEAST(digest.due_at, EXCLUDED.due_at)",
                        List.of(digestUsers.toArray(String[]::new), digestDues.toArray(Timestamp[]::new)),
                        null);
            }
        }
    }
}
