package dev.herald.inbox.entity;

import static java.util.Objects.requireNonNull;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a candidate notification of an aggregated type brings: its group, when its event happened, the rule's window
 * and number of actors named, who acted, and how to word the aggregate it joins (the renderer of its type, in its
 * recipient's locale).
 */
public record Aggregation(
        String groupKey,
        Instant occurredAt,
        Duration window,
        int maxActors,
        boolean readStartsNew,
        String actorId,
        JsonObject actor,
        Wording wording) {

    public Aggregation {
        requireNonNull(groupKey);
        requireNonNull(occurredAt);
        requireNonNull(window);
        requireNonNull(actorId);
        requireNonNull(actor);
        requireNonNull(wording);
    }

    /**
     * The actors an aggregate names once this event joined it: this event's actor first, then the ones it named
     * before (each once, however often they acted), at most {@code maxActors}.
     */
    public List<JsonObject> namedAfter(JsonValue namedBefore) {
        List<JsonObject> named = new ArrayList<>();
        named.add(actor);
        for (JsonValue earlier : namedBefore.asJsonArray()) {
            if (earlier instanceof JsonObject object
                    && !actorId.equals(object.getString("id", null))
                    && named.size() < maxActors) {
                named.add(object);
            }
        }
        return named;
    }

    /** Words an aggregate: its named actors (newest first) and how many distinct actors there are in all. */
    @FunctionalInterface
    public interface Wording {
        Text render(List<JsonObject> namedActors, long actorCount);
    }

    /** A rendered title and body. */
    public record Text(String title, String body) {}
}
