package dev.herald.event.entity;

import static java.util.Objects.requireNonNull;

import com.ibm.icu.util.ULocale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The whole event catalog: the types, the locales Herald has templates for (each with its phrase for "N others" and
 * the locale of the list pattern that joins names),
 * the default locale, and the admins that {@code system.error}-like types go to.
 */
public record Catalog(
        ULocale defaultLocale,
        Map<ULocale, Template> others,
        Map<ULocale, ULocale> lists,
        Map<String, EventType> types) {
    public Catalog {
        requireNonNull(defaultLocale);
        others = Map.copyOf(others);
        lists = Map.copyOf(lists);
        types = Map.copyOf(new TreeMap<>(types));
        if (!others.containsKey(defaultLocale)) {
            throw new IllegalArgumentException(
                    "the default locale " + defaultLocale.toLanguageTag() + " is not among the catalog's locales");
        }
    }

    public Optional<EventType> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    public Set<ULocale> locales() {
        return others.keySet();
    }

    /**
     * The supported locale a BCP 47 tag resolves to: the exact one, else its language; empty when Herald has no
     * templates for it.
     */
    public Optional<ULocale> resolve(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        ULocale wanted = ULocale.forLanguageTag(tag);
        if (others.containsKey(wanted)) {
            return Optional.of(wanted);
        }
        ULocale language = new ULocale(wanted.getLanguage());
        return others.containsKey(language) ? Optional.of(language) : Optional.empty();
    }

    /**
     * The locale whose CLDR list pattern joins actors' names in {@code locale}: itself unless the catalog chose
     * another (English defaults to "A, B, and C"; the catalog picks {@code en-001} for "A, B and C").
     */
    public ULocale listLocale(ULocale locale) {
        return lists.getOrDefault(locale, locale);
    }

    /** The phrase for {@code count} actors beyond those named ("4 others"), in {@code locale}. */
    public String others(ULocale locale, long count) {
        Template phrase = others.getOrDefault(locale, others.get(defaultLocale));
        return phrase.render(Map.of("count", count));
    }
}
