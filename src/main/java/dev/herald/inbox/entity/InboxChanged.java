package dev.herald.inbox.entity;

import static java.util.Objects.requireNonNull;

import dev.herald.platform.control.JsonFactory;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * What changed in one user's inbox in one transaction, as the live frames every open session of that user receives:
 * {@code notification.created|updated|deleted} (with the notification's {@code seq}) and {@code unread.count}.
 */
public record InboxChanged(String user, List<Frame> frames) {
    public InboxChanged {
        requireNonNull(user);
        frames = List.copyOf(frames);
    }

    public static Builder of(String user) {
        return new Builder(user);
    }

    /** The {@code notification.created} frame of a stored notification. */
    public static Frame createdFrame(Notification n) {
        return notificationFrame(Frame.CREATED, n);
    }

    public static Frame unreadCountFrame(long count) {
        return new Frame(
                Frame.UNREAD_COUNT,
                0,
                JsonFactory.PROVIDER
                        .createObjectBuilder()
                        .add("type", Frame.UNREAD_COUNT)
                        .add("count", count)
                        .build()
                        .toString());
    }

    private static Frame notificationFrame(String type, Notification n) {
        StringWriter text = new StringWriter(512);
        try (JsonGenerator json = JsonFactory.PROVIDER.createGenerator(text)) {
            json.writeStartObject().write("type", type).write("seq", n.seq()).writeKey("notification");
            NotificationView.write(json, n);
            json.writeEnd();
        }
        return new Frame(type, n.seq(), text.toString());
    }

    /** Collects the frames of one change. */
    public static final class Builder {
        private final String user;
        private final List<Frame> frames = new ArrayList<>();

        private Builder(String user) {
            this.user = user;
        }

        public Builder created(Notification n) {
            frames.add(createdFrame(n));
            return this;
        }

        public Builder updated(Notification n) {
            frames.add(notificationFrame(Frame.UPDATED, n));
            return this;
        }

        public Builder deleted(Notification n) {
            frames.add(new Frame(
                    Frame.DELETED,
                    n.seq(),
                    JsonFactory.PROVIDER
                            .createObjectBuilder()
                            .add("type", Frame.DELETED)
                            .add("seq", n.seq())
                            .add("id", n.id())
                            .build()
                            .toString()));
            return this;
        }

        public Builder unreadCount(long count) {
            frames.add(unreadCountFrame(count));
            return this;
        }

        public InboxChanged build() {
            return new InboxChanged(user, frames);
        }
    }
}
