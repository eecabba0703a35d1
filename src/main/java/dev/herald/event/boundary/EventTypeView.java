package dev.herald.event.boundary;

import dev.herald.event.entity.AggregationRule;
import dev.herald.event.entity.EventType;
import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One type of {@code GET /api/event-types}: what it needs and how it becomes a notification; {@code aggregation} is
 * null for a type that does not aggregate, {@code accepted} (events this instance accepted) only for admins.
 */
public record EventTypeView(
        String type,
        String category,
        String priority,
        boolean silent,
        List<String> channels,
        List<String> recipients,
        List<String> requiredData,
        JsonObject schema,
        Map<String, Wording> templates,
        @JsonbNillable Aggregation aggregation,
        Long accepted) {

    /** A locale's title and body templates (ICU MessageFormat). */
    public record Wording(String title, String body) {}

    /** The aggregation rule: the window as an ISO-8601 duration, and the data path events are grouped by, if any. */
    public record Aggregation(String window, int maxActors, boolean readStartsNew, String groupBy) {
        static Aggregation of(AggregationRule rule) {
            return new Aggregation(rule.window().toString(), rule.maxActors(), rule.readStartsNew(), rule.groupBy());
        }
    }

    /** The type as the catalog has it; {@code accepted} is null unless an admin asks. */
    static EventTypeView of(EventType type, Long accepted) {
        Map<String, Wording> templates = new TreeMap<>();
        type.templates()
                .values()
                .forEach(t -> templates.put(
                        t.locale().toLanguageTag(),
                        new Wording(t.title().toString(), t.body().toString())));
        return new EventTypeView(
                type.type(),
                type.category(),
                type.priority(),
                type.silent(),
                type.channels(),
                type.recipients().sources(),
                type.schema().required(),
                type.schema().source(),
                templates,
                type.aggregationRule().map(Aggregation::of).orElse(null),
                accepted);
    }
}
