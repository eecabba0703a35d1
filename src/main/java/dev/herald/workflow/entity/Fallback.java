package dev.herald.workflow.entity;

import static java.util.Objects.requireNonNull;

import dev.herald.preference.entity.Channel;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * An order of channels: the first goes at once, each next one {@code after} the first unless the notification was
 * {@code unless} by then (seen, by default), and at once when the one before it could not be delivered (no address,
 * or failed for good). An entry with {@code priorities} is only for notifications of those priorities.
 */
public record Fallback(List<Entry> entries) {
    public static final Fallback NONE = new Fallback(List.of());

    public record Entry(Channel channel, Duration after, Unless unless, Set<String> priorities) {
        public Entry {
            requireNonNull(channel);
            requireNonNull(after);
            requireNonNull(unless);
            priorities = Set.copyOf(priorities);
        }

        public boolean appliesTo(String priority) {
            return priorities.isEmpty() || priorities.contains(priority);
        }
    }

    public Fallback {
        entries = List.copyOf(entries);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public boolean has(Channel channel) {
        return entries.stream().anyMatch(e -> e.channel() == channel);
    }
}
