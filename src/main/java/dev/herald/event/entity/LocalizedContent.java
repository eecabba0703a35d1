package dev.herald.event.entity;

import static java.util.Objects.requireNonNull;

import com.ibm.icu.util.ULocale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A type's words for the channels besides the inbox in one locale: {@code email.subject}, {@code email.body},
 * {@code email.button}, {@code push.title}, {@code push.body}, {@code sms}. A field the catalog leaves out falls back
 * to the notification's own title and body in the same locale.
 */
public record LocalizedContent(ULocale locale, Map<String, Template> texts) {
    /** Every field a type's content may have. */
    public static final Set<String> FIELDS =
            Set.of("email.subject", "email.body", "email.button", "push.title", "push.body", "sms");

    public LocalizedContent {
        requireNonNull(locale);
        texts = Map.copyOf(texts);
        if (!FIELDS.containsAll(texts.keySet())) {
            throw new IllegalArgumentException("unknown content fields " + texts.keySet());
        }
    }

    public Optional<Template> text(String field) {
        return Optional.ofNullable(texts.get(field));
    }
}
