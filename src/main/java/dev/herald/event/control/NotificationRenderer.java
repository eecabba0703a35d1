package dev.herald.event.control;

import com.ibm.icu.util.ULocale;
import dev.herald.event.entity.AcceptedEvent;
import dev.herald.event.entity.AggregationRule;
import dev.herald.event.entity.Catalog;
import dev.herald.event.entity.CloudEvent;
import dev.herald.event.entity.EventType;
import dev.herald.event.entity.InvalidEventException;
import dev.herald.event.entity.LocalizedTemplates;
import dev.herald.inbox.entity.Aggregation;
import dev.herald.inbox.entity.Aggregation.Text;
import dev.herald.inbox.entity.Notification;
import dev.herald.platform.control.JsonFactory;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an accepted event into one notification per recipient, each worded in that recipient's locale (the same
 * locale is rendered once); for an aggregated type each carries what it needs to join an aggregate. Pure.
 */
public final class NotificationRenderer {
    private NotificationRenderer() {}

    /**
     * @param locales the chosen locale tag of recipients that chose one; the others get the catalog's default
     */
    public static List<Notification> render(
            Catalog catalog, AcceptedEvent accepted, Map<String, String> locales, Instant now)
            throws InvalidEventException {
        CloudEvent event = accepted.event();
        EventType type = accepted.type();
        Map<String, Object> arguments = TextRenderer.arguments(event.data());
        JsonObject actor = actor(event.data());
        List<JsonObject> named = actor == null ? List.of() : List.of(actor);
        // each recipient must not learn who else received the event
        JsonObject data = event.data().containsKey("recipients")
                ? JsonFactory.PROVIDER
                        .createObjectBuilder(event.data())
                        .remove("recipients")
                        .build()
                : event.data();
        JsonArray actors = actor == null
                ? JsonValue.EMPTY_JSON_ARRAY
                : JsonFactory.PROVIDER.createArrayBuilder().add(actor).build();
        String priority = event.priority() != null ? event.priority() : type.priority();
        AggregationRule rule = type.aggregationRule().orElse(null);
        String groupKey = rule == null ? null : rule.groupKey(event.data());
        String actorId = rule == null ? null : actorId(actor, type);

        // the link is not worded: one per event, the same for every recipient
        String link = type.linkTemplate().map(t -> t.render(arguments)).orElse(null);
        Map<ULocale, Text> texts = new HashMap<>();
        List<Notification> notifications = new ArrayList<>(accepted.recipients().size());
        for (String recipient : accepted.recipients()) {
            ULocale locale = catalog.resolve(locales.get(recipient)).orElse(catalog.defaultLocale());
            LocalizedTemplates templates = type.templatesFor(locale, catalog.defaultLocale());
            Text text = texts.get(templates.locale());
            if (text == null) {
                text = checked(TextRenderer.render(catalog, templates, arguments, named, named.size()), type);
                texts.put(templates.locale(), text);
            }
            Notification n = new Notification(
                            recipient,
                            event.source(),
                            event.id(),
                            type.type(),
                            type.category(),
                            text.title(),
                            text.body(),
                            data,
                            actors,
                            now)
                    .deliveredAs(priority, templates.locale().toLanguageTag())
                    .linkTo(link);
            if (rule != null) {
                n.aggregating(new Aggregation(
                        groupKey,
                        event.occurredAt(now),
                        rule.window(),
                        rule.maxActors(),
                        rule.readStartsNew(),
                        actorId,
                        actor,
                        (namedActors, count) ->
                                TextRenderer.render(catalog, templates, arguments, namedActors, count)));
            }
            notifications.add(n);
        }
        return notifications;
    }

    private static Text checked(Text text, EventType type) throws InvalidEventException {
        if (text.title().isBlank()) {
            throw new InvalidEventException("/data", "the " + type.type() + " title rendered empty");
        }
        if (text.title().indexOf('\u0000') >= 0 || text.body().indexOf('\u0000') >= 0) {
            throw new InvalidEventException("/data", "must not contain NUL characters");
        }
        return text;
    }

    private static JsonObject actor(JsonObject data) {
        return data.get("actor") instanceof JsonObject actor ? actor : null;
    }

    private static String actorId(JsonObject actor, EventType type) throws InvalidEventException {
        if (actor != null
                && actor.get("id") instanceof JsonString id
                && !id.getString().isBlank()) {
            if (id.getString().length() > 200) {
                throw new InvalidEventException("/data/actor/id", "is longer than 200 characters");
            }
            return id.getString();
        }
        throw new InvalidEventException("/data/actor/id", "is required: " + type.type() + " gathers events by actor");
    }
}
