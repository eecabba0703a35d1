package dev.herald.event.entity;

import com.ibm.icu.util.ULocale;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A type's link back into the product: an absolute URL whose path and query take fields of the event's data
 * ({@code https://app.example.com/posts/{post_id}}), each percent-encoded, so a value cannot add a path segment, a query
 * or another host. Only simple arguments: a plural or number format would write {@code 12,345} into a URL.
 */
public final class LinkTemplate {
    /** Text without braces or quotes, and simple arguments. */
    private static final Pattern SIMPLE = Pattern.compile("[^{}']*(\\{[A-Za-z0-9_]+\\}[^{}']*)*");

    private final Template template;

    private LinkTemplate(Template template) {
        this.template = template;
    }

    /** Parses an absolute link pattern; throws {@link IllegalArgumentException} saying what is wrong. */
    public static LinkTemplate parse(String pattern) {
        if (!SIMPLE.matcher(pattern).matches()) {
            throw new IllegalArgumentException("a link takes simple arguments such as {post_id} only: no plural,"
                    + " select or number formats, no quotes");
        }
        return new LinkTemplate(Template.parse(pattern, ULocale.ROOT));
    }

    public Set<String> arguments() {
        return template.arguments();
    }

    /** The link for an event's data fields ({@code TextRenderer.arguments}), each value percent-encoded. */
    public String render(Map<String, Object> arguments) {
        Map<String, Object> encoded = new HashMap<>();
        for (String name : template.arguments()) {
            Object value = arguments.get(name);
            encoded.put(
                    name,
                    value == null
                            ? ""
                            : URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8)
                                    .replace("+", "%20"));
        }
        return template.render(encoded);
    }

    @Override
    public String toString() {
        return template.toString();
    }
}
