package dev.herald.event.entity;

import static java.util.Objects.requireNonNull;

import com.ibm.icu.util.ULocale;
import dev.herald.workflow.entity.Workflow;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One entry of the event catalog: what {@code data} an event {@code type} must carry, who receives it, and how it
 * becomes a notification (category, priority, channels, templates per locale, an optional aggregation rule), and the
 * workflow steps its sends go through per channel, an optional link back into the product, the words per channel
 * and locale, and sample data for previews. A
 * silent type is accepted, validated and counted, and makes no notification.
 */
public record EventType(
        String type,
        String category,
        String priority,
        List<String> channels,
        RecipientRule recipients,
        boolean silent,
        DataSchema schema,
        AggregationRule aggregation,
        Map<ULocale, LocalizedTemplates> templates,
        Workflow workflow,
        LinkTemplate link,
        Map<ULocale, LocalizedContent> content,
        JsonObject example) {

    public EventType {
        requireNonNull(type);
        requireNonNull(category);
        requireNonNull(priority);
        channels = List.copyOf(channels);
        requireNonNull(recipients);
        requireNonNull(schema);
        templates = Map.copyOf(templates);
        requireNonNull(workflow);
        content = Map.copyOf(content);
        if (!silent && templates.isEmpty()) {
            throw new IllegalArgumentException("a type that makes notifications needs templates");
        }
    }

    /**
     * The words for the channels in a locale: the exact one, else its language; empty when the type has none there (the
     * channels then use the notification's own title and body, never another language's words).
     */
    public Optional<LocalizedContent> contentFor(ULocale locale) {
        LocalizedContent exact = content.get(locale);
        return Optional.ofNullable(exact != null ? exact : content.get(new ULocale(locale.getLanguage())));
    }

    /** The sample data a preview renders the type with, if the catalog gives one. */
    public Optional<JsonObject> exampleData() {
        return Optional.ofNullable(example);
    }

    /** The link back into the product its notifications carry, if the type has one. */
    public Optional<LinkTemplate> linkTemplate() {
        return Optional.ofNullable(link);
    }

    public Optional<AggregationRule> aggregationRule() {
        return Optional.ofNullable(aggregation);
    }

    /**
     * The templates for a locale: the exact one, else its language, else {@code fallback}'s (which the catalog
     * checked exists for every type).
     */
    public LocalizedTemplates templatesFor(ULocale locale, ULocale fallback) {
        LocalizedTemplates exact = templates.get(locale);
        if (exact != null) {
            return exact;
        }
        LocalizedTemplates language = templates.get(new ULocale(locale.getLanguage()));
        return language != null ? language : templates.get(fallback);
    }
}
