package dev.herald.inbox.entity;

import static java.util.Objects.requireNonNull;

import dev.herald.platform.control.JsonFactory;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * What changed in one user's inbox in one transaction, as the live frames every open session of that user receives:
 * {@code notification.created|updated|deleted} (with the notification's {@code seq}) and {@code unread.count}. Fired
 * as a CDI event inside the transaction; observed after it committed.
 */
public record InboxChanged(String user, List<JsonObject> frames) {
    public InboxChanged {
        requireNonNull(user);
        frames = List.copyOf(frames);
    }

    public static Builder of(String user) {
        return new Builder(user);
    }

    public JsonObject toJson() {
        JsonArrayBuilder array = JsonFactory.PROVIDER.createArrayBuilder();
        frames.forEach(array::add);
        return JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("user", user)
                .add("frames", array)
                .build();
    }

    public static InboxChanged fromJson(JsonObject json) {
        return new InboxChanged(
                json.getString("user"), json.getJsonArray("frames").getValuesAs(JsonObject.class));
    }

    /** Collects the frames of one change. */
    public static final class Builder {
        private final String user;
        private final List<JsonObject> frames = new ArrayList<>();

        private Builder(String user) {
            this.user = user;
        }

        public Builder created(Notification n) {
            return notification("notification.created", n);
        }

        public Builder updated(Notification n) {
            return notification("notification.updated", n);
        }

        public Builder deleted(Notification n) {
            frames.add(JsonFactory.PROVIDER
                    .createObjectBuilder()
                    .add("type", "notification.deleted")
                    .add("seq", n.seq())
                    .add("id", n.id())
                    .build());
            return this;
        }

        public Builder unreadCount(long count) {
            frames.add(JsonFactory.PROVIDER
                    .createObjectBuilder()
                    .add("type", "unread.count")
                    .add("count", count)
                    .build());
            return this;
        }

        private Builder notification(String type, Notification n) {
            frames.add(JsonFactory.PROVIDER
                    .createObjectBuilder()
                    .add("type", type)
                    .add("seq", n.seq())
                    .add("notification", NotificationView.of(n))
                    .build());
            return this;
        }

        public InboxChanged build() {
            return new InboxChanged(user, frames);
        }
    }
}
