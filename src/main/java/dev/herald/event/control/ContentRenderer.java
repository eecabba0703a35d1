package dev.herald.event.control;

import com.ibm.icu.util.ULocale;
import dev.herald.channel.control.ChannelTexts;
import dev.herald.event.entity.EventType;
import dev.herald.event.entity.Template;
import dev.herald.inbox.entity.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a type's words for a channel from the catalog in use, for a notification as it is now: its locale, the newest
 * event's data, the actors it names and how many acted (so a batched aggregate's email carries its final wording).
 */
@ApplicationScoped
public class ContentRenderer implements ChannelTexts {
    @Inject
    EventCatalog catalog;

    @Override
    public Optional<String> text(Notification n, String field) {
        Optional<EventType> type = catalog.catalog().type(n.type());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        ULocale locale = ULocale.forLanguageTag(n.locale() == null ? "" : n.locale());
        return type.get()
                .contentFor(locale)
                .flatMap(content -> content.text(field))
                .map(template -> render(template, locale, n));
    }

    private String render(Template template, ULocale locale, Notification n) {
        JsonValue data = n.payload().data();
        Map<String, Object> arguments = data instanceof JsonObject object ? TextRenderer.arguments(object) : Map.of();
        JsonValue actors = n.payload().actors();
        List<JsonObject> named = actors instanceof JsonArray array ? array.getValuesAs(JsonObject.class) : List.of();
        return TextRenderer.render(
                template,
                TextRenderer.values(
                        catalog.catalog(),
                        locale,
                        arguments,
                        named,
                        n.grouping().actorCount()));
    }
}
