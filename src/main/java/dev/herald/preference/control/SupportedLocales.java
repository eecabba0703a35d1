package dev.herald.preference.control;

import java.util.List;
import java.util.Optional;

/** The locales Herald has templates for; the event catalog knows them. */
public interface SupportedLocales {
    /** The supported locale a BCP 47 tag resolves to (exact, else its language), as a tag; empty if none. */
    Optional<String> resolve(String tag);

    /** Every supported locale, as tags. */
    List<String> all();

    /** The locale used for users who chose none. */
    String defaultLocale();
}
