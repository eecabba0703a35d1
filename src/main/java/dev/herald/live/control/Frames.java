package dev.herald.live.control;

import dev.herald.inbox.entity.InboxChanged;
import dev.herald.inbox.entity.Notification;
import dev.herald.inbox.entity.NotificationView;
import dev.herald.live.entity.Frame;
import dev.herald.platform.control.JsonFactory;
import dev.herald.preference.control.PreferencesJson;
import dev.herald.preference.entity.PreferencesDocument;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The socket protocol, written in one place: {@code notification.created|updated|deleted} (with the notification as
 * the REST API shows it), {@code preferences.updated}, {@code unread.count}, {@code gap}, {@code reconnect} and
 * {@code error}. Pure.
 */
public final class Frames {
    private Frames() {}

    /** The frames of one user's change: one per notification, then the unread count. */
    public static List<Frame> of(InboxChanged change) {
        List<Frame> frames = new ArrayList<>(change.changes().size() + 1);
        for (InboxChanged.Change each : change.changes()) {
            Notification n = each.notification();
            frames.add(
                    switch (each.kind()) {
                        case CREATED -> notification(Frame.CREATED, n, n.seq());
                        case AGGREGATED, RETURNED -> notification(Frame.UPDATED, n, n.seq());
                        case UPDATED -> notification(Frame.UPDATED, n, 0);
                        case DELETED -> deleted(n);
                    });
        }
        frames.add(unreadCount(change.unreadCount()));
        return frames;
    }

    /**
     * The frame a stored notification is caught up with: {@code created} for one the client cannot have seen in
     * another shape, {@code updated} for an aggregate (the client may hold it at its older place). Either way it is
     * sequenced at its current {@code seq}.
     */
    public static Frame catchUp(Notification n) {
        return notification(n.grouping().eventCount() > 1 ? Frame.UPDATED : Frame.CREATED, n, n.seq());
    }

    /** The user's preferences changed (in another tab or over the API): {@code preferences.updated}, unsequenced. */
    public static Frame preferences(PreferencesDocument preferences) {
        return new Frame(
                Frame.PREFERENCES,
                0,
                "{\"type\":\"" + Frame.PREFERENCES + "\",\"preferences\":" + PreferencesJson.write(preferences) + "}");
    }

    public static Frame unreadCount(long count) {
        return small(Frame.UNREAD_COUNT, "count", count);
    }

    /** Before a restart closes the socket: come back in {@code afterMs} milliseconds (unsequenced). */
    public static Frame reconnect(long afterMs) {
        return small(Frame.RECONNECT, "afterMs", afterMs);
    }

    public static Frame gap(long latestSeq) {
        return small(Frame.GAP, "latestSeq", latestSeq);
    }

    public static Frame error(String detail) {
        return new Frame(
                Frame.ERROR,
                0,
                JsonFactory.PROVIDER
                        .createObjectBuilder()
                        .add("type", Frame.ERROR)
                        .add("detail", detail)
                        .build()
                        .toString());
    }

    private static Frame notification(String type, Notification n, long sequencedAt) {
        StringWriter text = new StringWriter(512);
        try (JsonGenerator json = JsonFactory.PROVIDER.createGenerator(text)) {
            json.writeStartObject().write("type", type).write("seq", n.seq());
            if (n.handling().silent()) {
                // stored and counted, but the user muted it or is in quiet hours: no toast, no sound
                json.write("silent", true);
            }
            json.writeKey("notification");
            NotificationView.write(json, n);
            json.writeEnd();
        }
        return new Frame(type, sequencedAt, text.toString());
    }

    private static Frame deleted(Notification n) {
        return new Frame(
                Frame.DELETED,
                0,
                JsonFactory.PROVIDER
                        .createObjectBuilder()
                        .add("type", Frame.DELETED)
                        .add("seq", n.seq())
                        .add("id", n.id())
                        .build()
                        .toString());
    }

    private static Frame small(String type, String name, long value) {
        return new Frame(
                type,
                0,
                JsonFactory.PROVIDER
                        .createObjectBuilder()
                        .add("type", type)
                        .add(name, value)
                        .build()
                        .toString());
    }
}
