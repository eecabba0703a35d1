package dev.herald.channel.control;

import dev.herald.channel.entity.Delivery;
import dev.herald.channel.entity.DeliveryStatus;
import dev.herald.inbox.entity.Notification;
import dev.herald.preference.control.Settings;
import dev.herald.preference.entity.Channel;
import dev.herald.preference.entity.Decision;
import dev.herald.preference.entity.Notice;
import dev.herald.preference.entity.Recipient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The workflow step runner: each round one transaction that takes up to {@code limit} delayed deliveries whose wait
 * ended ({@code FOR UPDATE SKIP LOCKED}, so instances share them and none is released twice) and moves each on. Its
 * notification gone, or got where the step's {@code unless} says (seen, read, archived): cancelled, with why. Otherwise
 * the user's preferences are decided at this instant, with their settings of now (a user who muted meanwhile holds
 * it, quiet hours hold it to their end, a digest takes it, a channel turned off skips it), and a row to send now is
 * queued for the relay, which publishes it in the same tick. A crash before the commit leaves the rows delayed and
 * due; after it, queued rows are any instance's to publish.
 */
@ApplicationScoped
public class DueSteps {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Settings settings;

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
            if (row.release(decision, now) == DeliveryStatus.DIGEST) {
                em.createNativeQuery("INSERT INTO digest (recipient, channel, due_at) VALUES (?1, ?2, ?3)"
                                + " ON CONFLICT (recipient, channel) DO UPDATE SET due_at = LEAST(digest.due_at,"
                                + " EXCLUDED.due_at)")
                        .setParameter(1, row.recipient())
                        .setParameter(2, row.channel())
                        .setParameter(3, Timestamp.from(decision.until()))
                        .executeUpdate();
            }
        }
        return ids.size();
    }
}
