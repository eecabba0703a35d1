package dev.herald.channel.control;

import static dev.herald.platform.control.SqlValues.instant;
import static dev.herald.platform.control.SqlValues.textArray;

import dev.herald.channel.entity.DeliveryView;
import dev.herald.channel.entity.DeliveryView.Attempt;
import dev.herald.inbox.control.ChannelReports;
import dev.herald.inbox.entity.Notification;
import dev.herald.preference.control.ChannelDefaults;
import dev.herald.preference.entity.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What happened to a notification on each channel: its delivery rows with their attempts, and for each channel its
 * type uses that got no row, why (the provider is not configured, or the user had no address then).
 */
@ApplicationScoped
public class DeliveryStatuses implements ChannelReports {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    ChannelDefaults catalog;

    @Inject
    Providers providers;

    /** The deliveries of notification {@code id} if it is {@code user}'s; empty otherwise (also for another's). */
    @Transactional
    public Optional<List<DeliveryView>> of(String user, String id) {
        List<?> type = em.createNativeQuery("SELECT type FROM notification WHERE id = ?1 AND recipient = ?2")
                .setParameter(1, id)
                .setParameter(2, user)
                .getResultList();
        if (type.isEmpty()) {
            return Optional.empty();
        }
        // a webhook of the application's (or a removed one) is the operator's: its answers are not the user's to read
        List<?> rows = em.createNativeQuery("SELECT d.id, d.channel, d.target, d.status, d.reason, d.attempts,"
                        + " d.due_at, d.created_at, d.updated_at, (d.channel <> 'webhook' OR w.owner = ?2) AS own"
                        + " FROM delivery d LEFT JOIN webhook_endpoint w ON d.channel = 'webhook' AND w.id = d.target"
                        + " WHERE d.notification_id = ?1 AND d.recipient = ?2"
                        + " AND (d.target IS NULL OR d.target <> ?3) ORDER BY d.channel, d.created_at, d.id")
                .setParameter(1, id)
                .setParameter(2, user)
                .setParameter(3, DeliveryLedger.DIGEST_TARGET)
                .getResultList();
        Map<String, List<Attempt>> attempts = attempts(rows);
        List<DeliveryView> views = new ArrayList<>();
        Set<String> covered = new LinkedHashSet<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            covered.add((String) r[1]);
            boolean own = Boolean.TRUE.equals(r[9]);
            views.add(new DeliveryView(
                    (String) r[0],
                    (String) r[1],
                    own ? (String) r[2] : null,
                    (String) r[3],
                    own ? (String) r[4] : null,
                    ((Number) r[5]).intValue(),
                    instant(r[6]),
                    instant(r[7]),
                    instant(r[8]),
                    own
                            ? attempts.getOrDefault((String) r[0], List.of())
                            : attempts.getOrDefault((String) r[0], List.of()).stream()
                                    .map(Attempt::withoutAnswer)
                                    .toList()));
        }
        for (Channel channel : catalog.channelsOf((String) type.get(0))) {
            if (channel != Channel.IN_APP && !covered.contains(channel.wire())) {
                views.add(DeliveryView.skipped(channel.wire(), whyNoRow(channel)));
            }
        }
        return Optional.of(views);
    }

    /** Each notification's latest status per channel its type uses besides the inbox; skipped where it has no row. */
    @Override
    @Transactional
    public void report(String user, List<Notification> notifications) {
        if (notifications.isEmpty()) {
            return;
        }
        List<?> rows = em.createNativeQuery("SELECT notification_id, channel, status FROM delivery WHERE recipient = ?1"
                        + " AND notification_id = ANY(CAST(?2 AS varchar[])) AND (target IS NULL OR target <> ?3)"
                        + " ORDER BY updated_at, id")
                .setParameter(1, user)
                .setParameter(
                        2,
                        textArray(notifications.stream().map(Notification::id).toList()))
                .setParameter(3, DeliveryLedger.DIGEST_TARGET)
                .getResultList();
        Map<String, Map<String, String>> latest = new HashMap<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            latest.computeIfAbsent((String) r[0], k -> new HashMap<>()).put((String) r[1], (String) r[2]);
        }
        for (Notification n : notifications) {
            Map<String, String> found = latest.getOrDefault(n.id(), Map.of());
            Map<String, String> report = new HashMap<>();
            for (Channel channel : catalog.channelsOf(n.type())) {
                if (channel != Channel.IN_APP) {
                    report.put(channel.wire(), found.getOrDefault(channel.wire(), "skipped"));
                }
            }
            n.handling().reportChannels(report);
        }
    }

    private Map<String, List<Attempt>> attempts(List<?> rows) {
        return attemptsOf(em, rows.stream().map(r -> (String) ((Object[]) r)[0]).toList());
    }

    /** Every attempt of each of these deliveries, in order. */
    /**
     * Why a channel the type uses has no delivery row for a notification: intake writes none when the channel has no
     * provider or the user had no address, subscription or endpoint then.
     */
    public String whyNoRow(Channel channel) {
        return providers.enabled(channel)
                ? "no address: the user had no " + address(channel) + " then"
                : "the " + channel.wire() + " channel is not configured";
    }

    /** Every attempt of the given deliveries, in order, by delivery id. */
    public static Map<String, List<Attempt>> attemptsOf(EntityManager em, List<String> ids) {
        Map<String, List<Attempt>> attempts = new HashMap<>();
        if (ids.isEmpty()) {
            return attempts;
        }
        List<?> found = em.createNativeQuery("SELECT delivery_id, attempt, started_at, finished_at, outcome,"
                        + " status_code, answer FROM delivery_attempt WHERE delivery_id = ANY(CAST(?1 AS varchar[]))"
                        + " ORDER BY delivery_id, attempt")
                .setParameter(1, textArray(ids))
                .getResultList();
        for (Object row : found) {
            Object[] a = (Object[]) row;
            attempts.computeIfAbsent((String) a[0], k -> new ArrayList<>())
                    .add(new Attempt(
                            ((Number) a[1]).intValue(),
                            instant(a[2]),
                            instant(a[3]),
                            (String) a[4],
                            a[5] == null ? null : ((Number) a[5]).intValue(),
                            (String) a[6]));
        }
        return attempts;
    }

    private static String address(Channel channel) {
        return switch (channel) {
            case EMAIL -> "email address";
            case SMS -> "phone number";
            case PUSH -> "push subscription";
            case WEBHOOK -> "webhook endpoint";
            case IN_APP -> "inbox";
        };
    }
}
