package dev.herald.event.entity;

import static java.util.Objects.requireNonNull;

import com.ibm.icu.util.ULocale;

/** A type's title and body in one locale. */
public record LocalizedTemplates(ULocale locale, Template title, Template body) {
    public LocalizedTemplates {
        requireNonNull(locale);
        requireNonNull(title);
        requireNonNull(body);
    }
}
