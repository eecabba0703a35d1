package dev.herald.event.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many events of each type this instance accepted since it started, silent types included (they make no
 * notification, so this is where they show). Shown to admins in {@code GET /api/event-types}.
 */
@ApplicationScoped
public class EventCounts {
    private final Map<String, LongAdder> accepted = new ConcurrentHashMap<>();

    public void accepted(String type) {
        accepted.computeIfAbsent(type, t -> new LongAdder()).increment();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        accepted.forEach((type, count) -> copy.put(type, count.sum()));
        return copy;
    }
}
