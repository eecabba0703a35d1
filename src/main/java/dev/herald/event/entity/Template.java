package dev.herald.event.entity;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A title or body template: literal text with {@code {path.to.field}} placeholders filled from an event's
 * {@code data}. {@code {{} and {@code }}} stand for literal braces. Plurals and locales arrive with the ICU
 * catalog; this class only knows placeholders.
 */
public final class Template {
    private final String source;
    private final List<Part> parts;

    private Template(String source, List<Part> parts) {
        this.source = source;
        this.parts = parts;
    }

    private record Part(String literal, List<String> path) {}

    /** Parses a template; a malformed one is a catalog error, reported with its text. */
    public static Template parse(String source) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == '{' && source.startsWith("{{", i)) {
                literal.append('{');
                i += 2;
            } else if (c == '}' && source.startsWith("}}", i)) {
                literal.append('}');
                i += 2;
            } else if (c == '{') {
                int end = source.indexOf('}', i);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed placeholder in template: " + source);
                }
                String name = source.substring(i + 1, end).trim();
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
                    throw new IllegalArgumentException("bad placeholder {" + name + "} in template: " + source);
                }
                if (!literal.isEmpty()) {
                    parts.add(new Part(literal.toString(), null));
                    literal.setLength(0);
                }
                parts.add(new Part(null, List.of(name.split("\\."))));
                i = end + 1;
            } else if (c == '}') {
                throw new IllegalArgumentException("unmatched } in template: " + source);
            } else {
                literal.append(c);
                i++;
            }
        }
        if (!literal.isEmpty()) {
            parts.add(new Part(literal.toString(), null));
        }
        return new Template(source, List.copyOf(parts));
    }

    /** The data fields this template needs, as dotted paths. */
    public Set<String> placeholders() {
        Set<String> names = new TreeSet<>();
        parts.stream().filter(p -> p.path != null).forEach(p -> names.add(String.join(".", p.path)));
        return names;
    }

    /**
     * Renders against {@code data}.
     *
     * @throws InvalidEventException naming the first placeholder that is missing or not a scalar
     */
    public String render(JsonObject data) throws InvalidEventException {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            if (part.literal != null) {
                out.append(part.literal);
            } else {
                out.append(lookup(data, part.path));
            }
        }
        return out.toString();
    }

    private static String lookup(JsonObject data, List<String> path) throws InvalidEventException {
        JsonValue value = data;
        for (String key : path) {
            if (!(value instanceof JsonObject object) || !object.containsKey(key)) {
                throw new InvalidEventException("data." + String.join(".", path) + " is required");
            }
            value = object.get(key);
        }
        if (value instanceof JsonString string) {
            return string.getString();
        }
        if (value instanceof JsonNumber number) {
            return number.toString();
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value.toString();
        }
        throw new InvalidEventException("data." + String.join(".", path) + " must be a string, number or boolean");
    }

    @Override
    public String toString() {
        return source;
    }
}
