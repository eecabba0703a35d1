package dev.herald.channel.control;

import static dev.herald.platform.control.SqlValues.textArray;

import dev.herald.channel.entity.ChannelStatus;
import dev.herald.channel.entity.Delivery;
import dev.herald.channel.entity.DeliveryAttempt;
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
import java.util.stream.Collectors;

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
        Optional<String> type = em.createQuery(
                        "SELECT n.type FROM Notification n WHERE n.id = :id AND n.recipient = :user", String.class)
                .setParameter("id", id)
                .setParameter("user", user)
                .getResultStream()
                .findFirst();
        if (type.isEmpty()) {
            return Optional.empty();
        }
        List<Delivery> rows = em.createNamedQuery(Delivery.OF_NOTIFICATION, Delivery.class)
                .setParameter("notification", id)
                .setParameter("user", user)
                .setParameter("digest", Delivery.DIGEST_TARGET)
                .getResultList();
        Set<String> ownHooks = ownHooks(user, rows);
        Map<String, List<Attempt>> attempts =
                attemptsOf(em, rows.stream().map(Delivery::id).toList());
        List<DeliveryView> views = new ArrayList<>();
        Set<String> covered = new LinkedHashSet<>();
        for (Delivery d : rows) {
            covered.add(d.channel());
            // a webhook of the application's (or a removed one) is the operator's: its answers are not the user's
            boolean own = !d.channel().equals(Channel.WEBHOOK.wire()) || ownHooks.contains(d.target());
            views.add(DeliveryView.of(d, own, attempts.getOrDefault(d.id(), List.of())));
        }
        for (Channel channel : catalog.channelsOf(type.get())) {
            if (channel != Channel.IN_APP && !covered.contains(channel.wire())) {
                views.add(DeliveryView.skipped(channel.wire(), whyNoRow(channel)));
            }
        }
        return Optional.of(views);
    }

    /** Which of the webhook endpoints these deliveries went to are the user's own. */
    private Set<String> ownHooks(String user, List<Delivery> rows) {
        List<String> hooks = rows.stream()
                .filter(d -> d.channel().equals(Channel.WEBHOOK.wire()) && d.target() != null)
                .map(Delivery::target)
                .toList();
        if (hooks.isEmpty()) {
            return Set.of();
        }
        List<?> own = em.createNativeQuery(
                        "SELECT id FROM webhook_endpoint WHERE owner = ?1 AND id = ANY(CAST(?2 AS varchar[]))")
                .setParameter(1, user)
                .setParameter(2, textArray(hooks))
                .getResultList();
        return own.stream().map(String.class::cast).collect(Collectors.toSet());
    }

    /** Each notification's latest status per channel its type uses besides the inbox; skipped where it has no row. */
    @Override
    @Transactional
    public void report(String user, List<Notification> notifications) {
        if (notifications.isEmpty()) {
            return;
        }
        Map<String, Map<String, String>> latest = new HashMap<>();
        em.createNamedQuery(Delivery.STATUSES, ChannelStatus.class)
                .setParameter("user", user)
                .setParameter(
                        "notifications",
                        notifications.stream().map(Notification::id).toList())
                .setParameter("digest", Delivery.DIGEST_TARGET)
                .getResultList()
                .forEach(s -> latest.computeIfAbsent(s.notificationId(), k -> new HashMap<>())
                        .put(s.channel(), s.status()));
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
        if (!ids.isEmpty()) {
            em.createNamedQuery(DeliveryAttempt.OF_DELIVERIES, DeliveryAttempt.class)
                    .setParameter("deliveries", ids)
                    .getResultList()
                    .forEach(a -> attempts.computeIfAbsent(a.deliveryId(), k -> new ArrayList<>())
                            .add(a.view()));
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
