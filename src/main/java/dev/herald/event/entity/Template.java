package dev.herald.event.entity;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One ICU MessageFormat pattern in one locale, with named arguments: {@code "{actors} liked your post"},
 * {@code "{mission_points, plural, one {# point} other {# points}}"}. Plurals, selects and number formats follow the
 * locale's CLDR rules; nothing is ever concatenated. Thread-safe.
 */
public final class Template {
    private final String source;
    private final MessageFormat format;
    private final Set<String> arguments;

    private Template(String source, MessageFormat format) {
        this.source = source;
        this.format = format;
        this.arguments = new TreeSet<>(format.getArgumentNames());
    }

    /** Parses a pattern; a malformed one throws {@link IllegalArgumentException} saying where. */
    public static Template parse(String source, ULocale locale) {
        MessageFormat format = new MessageFormat(source, locale);
        if (format.usesNamedArguments() || format.getArgumentNames().isEmpty()) {
            return new Template(source, format);
        }
        throw new IllegalArgumentException("use named arguments such as {post_title}, not numbers: " + source);
    }

    /** The names of the arguments the pattern uses. */
    public Set<String> arguments() {
        return arguments;
    }

    public String render(Map<String, Object> values) {
        // ICU's MessageFormat keeps formatting state; one render at a time per pattern
        synchronized (format) {
            return format.format(values);
        }
    }

    @Override
    public String toString() {
        return source;
    }
}
