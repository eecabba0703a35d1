package dev.herald.ops.control;

import dev.herald.channel.control.DeliveryHistory;
import dev.herald.channel.control.DeliveryStatuses;
import dev.herald.channel.entity.DeliveryTrace;
import dev.herald.event.control.ParkedEvents;
import dev.herald.inbox.control.DeletedNotifications;
import dev.herald.inbox.control.InboxHistory;
import dev.herald.inbox.entity.NotificationSummary;
import dev.herald.ops.entity.Explanation;
import dev.herald.ops.entity.Story;
import dev.herald.ops.entity.StoryEvent;
import dev.herald.ops.entity.StoryItem;
import dev.herald.preference.control.ChannelDefaults;
import dev.herald.preference.control.Settings;
import dev.herald.preference.entity.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A user's or an event's story for an operator: the notifications (newest first) with the event each was created from
 * and those it aggregated, each channel's deliveries with every attempt, the deleted notifications' tombstones and the
 * parked records that mention the user or event. Seven queries whatever the size, each asked of the feature that owns
 * the rows (inbox, channel, event, preference) in one transaction; the channels a type uses that got no delivery row
 * are named from today's catalog and provider settings, as the user's delivery status API does.
 */
@ApplicationScoped
public class UserStories {
    /** The most aggregated events listed per notification (the newest); its event count says how many there are. */
    static final int EVENTS_PER_NOTIFICATION = 100;

    @Inject
    InboxHistory inbox;

    @Inject
    DeletedNotifications tombstones;

    @Inject
    DeliveryHistory deliveryHistory;

    @Inject
    ParkedEvents parkedEvents;

    @Inject
    Settings settings;

    @Inject
    ChannelDefaults catalog;

    @Inject
    DeliveryStatuses statuses;

    @Transactional
    public Story ofUser(String user, int limit) {
        List<StoryItem> items = items(inbox.ofUser(user, limit), null);
        return new Story(user, null, items, deleted(tombstones.ofUser(user, limit)), parked(user));
    }

    @Transactional
    public Story ofEvent(String eventId, int limit) {
        List<StoryItem> items = items(inbox.ofEvent(eventId, limit), eventId);
        return new Story(null, eventId, items, deleted(tombstones.ofEvent(eventId, limit)), parked(eventId));
    }

    private List<StoryItem> items(List<NotificationSummary> notifications, String eventId) {
        if (notifications.isEmpty()) {
            return List.of();
        }
        Map<String, String> zones = settings.timeZones(
                notifications.stream().map(NotificationSummary::recipient).collect(Collectors.toSet()));
        List<String> ids = notifications.stream().map(NotificationSummary::id).toList();
        Map<String, List<StoryEvent>> events = events(ids, notifications, eventId);
        Map<String, List<DeliveryTrace>> deliveries = deliveryHistory.of(ids);
        List<StoryItem> items = new ArrayList<>();
        for (NotificationSummary n : notifications) {
            List<DeliveryTrace> planned = withMissingChannels(n, deliveries.getOrDefault(n.id(), List.of()));
            ZoneId zone = zone(zones.get(n.recipient()));
            items.add(new StoryItem(n, events.get(n.id()), planned, Explanation.of(n, planned, zone)));
        }
        return items;
    }

    /** Each notification's own event first, then the events it aggregated, oldest first. */
    private Map<String, List<StoryEvent>> events(
            List<String> ids, List<NotificationSummary> notifications, String eventId) {
        Map<String, List<StoryEvent>> events = new HashMap<>();
        Instant oldest = notifications.get(0).createdAt();
        for (NotificationSummary n : notifications) {
            events.put(n.id(), new ArrayList<>(List.of(StoryEvent.created(n))));
            oldest = n.createdAt().isBefore(oldest) ? n.createdAt() : oldest;
        }
        for (InboxHistory.Absorbed a : inbox.absorbed(ids, oldest, EVENTS_PER_NOTIFICATION, eventId)) {
            events.get(a.notificationId())
                    .add(new StoryEvent(a.source(), a.eventId(), a.absorbedAt(), StoryEvent.As.AGGREGATED));
        }
        return events;
    }

    /**
     * The channels the notification's type uses that got no row: the user had no address, subscription or endpoint
     * then, or the channel has no provider (intake writes no row for either).
     */
    private List<DeliveryTrace> withMissingChannels(NotificationSummary n, List<DeliveryTrace> rows) {
        Set<String> covered = new LinkedHashSet<>();
        rows.forEach(d -> covered.add(d.channel()));
        List<DeliveryTrace> all = new ArrayList<>(rows);
        Set<Channel> used = catalog.channelsOf(n.type());
        for (Channel channel : Channel.values()) {
            if (channel != Channel.IN_APP && used.contains(channel) && !covered.contains(channel.wire())) {
                all.add(DeliveryTrace.missing(channel.wire(), statuses.whyNoRow(channel)));
            }
        }
        return all;
    }

    private static List<Story.Deleted> deleted(List<DeletedNotifications.Tombstone> tombstones) {
        return tombstones.stream()
                .map(t -> new Story.Deleted(t.source(), t.eventId(), t.recipient(), t.deletedAt()))
                .toList();
    }

    private List<Story.Parked> parked(String mention) {
        return parkedEvents.mentioning(mention).stream()
                .map(p -> new Story.Parked(p.id(), p.parkedAt(), p.reason()))
                .toList();
    }

    /** The user's time zone for the explanation; UTC when none is set (or a stored one is not known here). */
    static ZoneId zone(String id) {
        if (id == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            // a zone the JVM no longer knows: the story shows UTC, and says so
            return ZoneOffset.UTC;
        }
    }
}
