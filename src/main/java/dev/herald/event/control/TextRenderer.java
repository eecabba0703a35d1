package dev.herald.event.control;

import com.ibm.icu.text.ListFormatter;
import com.ibm.icu.util.ULocale;
import dev.herald.event.entity.Catalog;
import dev.herald.event.entity.LocalizedTemplates;
import dev.herald.event.entity.Template;
import dev.herald.inbox.entity.Aggregation.Text;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Words a notification from its type's templates in one locale: every scalar of {@code data} is an argument named by
 * its path joined with "_" ({@code post_title}); {@code actors} is the locale's list of the named actors, with the
 * locale's "N others" when there are more ("Ana, Ben, Chen and 4 others", "Ana, Ben, Chen und 4 weitere Personen");
 * {@code actorCount} counts them all, for plural agreement. Pure.
 */
public final class TextRenderer {
    public static final String ACTORS = "actors";
    public static final String ACTOR_COUNT = "actorCount";

    private TextRenderer() {}

    /** The template arguments of {@code data}. */
    public static Map<String, Object> arguments(JsonObject data) {
        Map<String, Object> arguments = new HashMap<>();
        flatten(data, "", arguments);
        return arguments;
    }

    private static void flatten(JsonObject object, String prefix, Map<String, Object> out) {
        object.forEach((name, value) -> {
            String argument = prefix.isEmpty() ? name : prefix + "_" + name;
            switch (value.getValueType()) {
                case STRING -> out.put(argument, ((JsonString) value).getString());
                case NUMBER -> {
                    JsonNumber number = (JsonNumber) value;
                    out.put(
                            argument,
                            number.isIntegral() ? (Object) number.bigIntegerValue() : number.bigDecimalValue());
                }
                case TRUE, FALSE -> out.put(argument, value.toString());
                case OBJECT -> flatten(value.asJsonObject(), argument, out);
                default -> {
                    // arrays and nulls are not template arguments
                }
            }
        });
    }

    /** The name an actor is shown by: its name, else its id. */
    public static String nameOf(JsonObject actor) {
        JsonValue name = actor.get("name");
        if (name instanceof JsonString string && !string.getString().isBlank()) {
            return string.getString();
        }
        return actor.getString("id", "");
    }

    /**
     * Renders title and body.
     *
     * @param named the actors to name, newest first (already at most the rule's number)
     * @param actorCount all distinct actors
     */
    public static Text render(
            Catalog catalog,
            LocalizedTemplates templates,
            Map<String, Object> arguments,
            List<JsonObject> named,
            long actorCount) {
        Map<String, Object> values = values(catalog, templates.locale(), arguments, named, actorCount);
        return new Text(render(templates.title(), values), render(templates.body(), values));
    }

    /** The data's arguments with the computed ones: {@code actors} worded in {@code locale}, {@code actorCount}. */
    public static Map<String, Object> values(
            Catalog catalog, ULocale locale, Map<String, Object> arguments, List<JsonObject> named, long actorCount) {
        List<String> names = new ArrayList<>(named.size() + 1);
        named.forEach(actor -> names.add(nameOf(actor)));
        if (actorCount > named.size()) {
            names.add(catalog.others(locale, actorCount - named.size()));
        }
        Map<String, Object> values = new HashMap<>(arguments);
        values.put(ACTORS, ListFormatter.getInstance(catalog.listLocale(locale)).format(names));
        values.put(ACTOR_COUNT, actorCount);
        return values;
    }

    /** One template with {@link #values}; an optional field the event left out reads as nothing. */
    public static String render(Template template, Map<String, Object> values) {
        for (String argument : template.arguments()) {
            // an optional field the event left out reads as nothing, never as "{field}"
            values.putIfAbsent(argument, "");
        }
        return template.render(values);
    }
}
