package dev.herald.email.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The frame every email is written in, HTML and plain text, with slots {@code {{name}}} Herald fills: {@code lang},
 * {@code subject}, {@code content} (the notification or the digest's list), {@code button.url}, {@code button.label},
 * {@code brand.name}, {@code brand.color}, {@code brand.text-color}, {@code brand.logo}, {@code why},
 * {@code unsubscribe.url}, {@code unsubscribe.label}. Every value is escaped in the HTML (the content and the logo
 * are markup Herald wrote from escaped parts). Herald's own layout is on the classpath; {@code HERALD_EMAIL_LAYOUT_DIR}
 * may hold a {@code layout.html} and {@code layout.txt} of the operator's, checked at start: an unknown slot is an
 * error, and the content and the unsubscribe link must be there.
 */
public final class EmailLayout {
    static final Set<String> SLOTS = new TreeSet<>(Set.of(
            "lang",
            "subject",
            "content",
            "button.url",
            "button.label",
            "brand.name",
            "brand.color",
            "brand.text-color",
            "brand.logo",
            "why",
            "unsubscribe.url",
            "unsubscribe.label"));
    private static final Set<String> MARKUP = Set.of("content", "brand.logo");
    private static final Set<String> REQUIRED = Set.of("content", "unsubscribe.url");
    private static final Pattern SLOT = Pattern.compile("\\{\\{([a-z.-]+)\\}\\}");

    private static final EmailLayout BUILT_IN = new EmailLayout(resource("layout.html"), resource("layout.txt"));

    private final String html;
    private final String text;

    private EmailLayout(String html, String text) {
        this.html = html;
        this.text = text;
    }

    public static EmailLayout builtIn() {
        return BUILT_IN;
    }

    /** The layout in {@code dir} ({@code layout.html}, {@code layout.txt}); an unusable one throws, saying why. */
    public static EmailLayout from(Path dir) {
        try {
            String html = Files.readString(dir.resolve("layout.html"), StandardCharsets.UTF_8);
            String text = Files.readString(dir.resolve("layout.txt"), StandardCharsets.UTF_8);
            check(html, dir.resolve("layout.html"));
            check(text, dir.resolve("layout.txt"));
            return new EmailLayout(html, text);
        } catch (IOException e) {
            throw new IllegalArgumentException("the email layout in " + dir + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void check(String layout, Path file) {
        Set<String> used = new TreeSet<>();
        Matcher slot = SLOT.matcher(layout);
        while (slot.find()) {
            if (!SLOTS.contains(slot.group(1))) {
                throw new IllegalArgumentException(
                        file + ": unknown slot {{" + slot.group(1) + "}}; the slots are " + SLOTS);
            }
            used.add(slot.group(1));
        }
        for (String required : REQUIRED) {
            if (!used.contains(required)) {
                throw new IllegalArgumentException(file + ": needs the slot {{" + required + "}}");
            }
        }
    }

    /** The HTML body: every value escaped but the markup Herald wrote. */
    public String html(Map<String, String> values) {
        return fill(html, values, true);
    }

    /** The plain-text body; a line that is only a slot with nothing in it (a digest's "why") is left out. */
    public String text(Map<String, String> values) {
        StringBuilder kept = new StringBuilder(text.length());
        for (String line : text.split("(?<=\n)")) {
            Matcher alone = SLOT.matcher(line.strip());
            if (alone.matches() && values.getOrDefault(alone.group(1), "").isEmpty()) {
                continue;
            }
            kept.append(line);
        }
        return fill(kept.toString(), values, false);
    }

    private static String fill(String layout, Map<String, String> values, boolean escape) {
        Matcher slot = SLOT.matcher(layout);
        StringBuilder out = new StringBuilder(layout.length() + 512);
        while (slot.find()) {
            String name = slot.group(1);
            String value = values.getOrDefault(name, "");
            slot.appendReplacement(
                    out,
                    Matcher.quoteReplacement(escape && !MARKUP.contains(name) ? EmailComposer.escape(value) : value));
        }
        slot.appendTail(out);
        return out.toString();
    }

    private static String resource(String name) {
        try (InputStream in = EmailLayout.class.getResourceAsStream("/herald/email/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the built-in email layout " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
