package dev.herald.email.control;

import dev.herald.inbox.entity.Notification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An email's subject and its two bodies, plain text and HTML, in the layout ({@link EmailLayout}) with the brand, from
 * notifications already worded in the recipient's locale by the catalog (its templates, or the type's own email words).
 * Everything that came from an event is HTML-escaped in the HTML body.
 */
public final class EmailComposer {
    /** The most notifications a digest lists; it says how many more there are. */
    static final int DIGEST_LIMIT = 50;

    private EmailComposer() {}

    /** What the email says. */
    public record Email(String subject, String text, String html) {}

    /**
     * A single notification's words: the subject, the body, and the button's label (null: "Open"), from the type's
     * content or the notification's own title and body.
     */
    public record Words(String subject, String body, String button) {
        public static Words of(Notification n) {
            return new Words(n.title(), n.body(), null);
        }
    }

    /** How an email is framed: the layout, the brand. */
    public record Frame(EmailLayout layout, Brand brand) {
        public static final Frame DEFAULT = new Frame(EmailLayout.builtIn(), Brand.DEFAULT);
    }

    /** A single notification: its title is the subject. */
    public static Email single(Notification n, String inboxUrl, String unsubscribeUrl) {
        return single(n, Words.of(n), inboxUrl, unsubscribeUrl, Frame.DEFAULT);
    }

    /** A single notification in its type's words, with its button to {@code buttonUrl}. */
    public static Email single(Notification n, Words words, String buttonUrl, String unsubscribeUrl, Frame frame) {
        String locale = n.locale();
        Map<String, Object> category = Map.of("category", n.category());
        String subject = oneLine(words.subject());
        Map<String, String> values = new HashMap<>(frame(locale, subject, frame.brand()));
        values.put("button.url", buttonUrl);
        values.put(
                "button.label", words.button() != null ? words.button() : EmailTexts.format(locale, "open", Map.of()));
        values.put("why", EmailTexts.format(locale, "why", category));
        values.put("unsubscribe.url", unsubscribeUrl);
        values.put("unsubscribe.label", EmailTexts.format(locale, "unsubscribe", category));
        String text = frame.layout()
                .text(with(values, "content", n.title() + (words.body().isBlank() ? "" : "\n\n" + words.body())));
        String html = frame.layout()
                .html(with(
                        values,
                        "content",
                        "<h1 style=\"font-size:18px\">" + escape(n.title()) + "</h1>\n" + paragraphs(words.body())));
        return new Email(subject, text, html);
    }

    /** A digest: the newest notifications first, at most {@link #DIGEST_LIMIT}; its link unsubscribes from all email. */
    public static Email digest(List<Notification> notifications, String inboxUrl, String unsubscribeUrl) {
        return digest(notifications, inboxUrl, unsubscribeUrl, Frame.DEFAULT);
    }

    public static Email digest(List<Notification> notifications, String inboxUrl, String unsubscribeUrl, Frame frame) {
        String locale = notifications.get(0).locale();
        Map<String, Object> count = Map.of("count", notifications.size());
        String intro = EmailTexts.format(locale, "digestIntro", Map.of());
        StringBuilder text = new StringBuilder(intro).append("\n\n");
        StringBuilder items = new StringBuilder("<p>" + escape(intro) + "</p>\n<ul>\n");
        List<Notification> listed = notifications.subList(0, Math.min(DIGEST_LIMIT, notifications.size()));
        for (Notification n : listed) {
            text.append("* ").append(n.title()).append('\n');
            if (!n.body().isBlank()) {
                text.append("  ").append(n.body()).append('\n');
            }
            items.append("<li><strong>")
                    .append(escape(n.title()))
                    .append("</strong><br>")
                    .append(escape(n.body()))
                    .append("</li>\n");
        }
        items.append("</ul>\n");
        int more = notifications.size() - listed.size();
        if (more > 0) {
            String andMore = EmailTexts.format(locale, "digestMore", Map.of("count", more));
            text.append(andMore).append('\n');
            items.append("<p>").append(escape(andMore)).append("</p>\n");
        }
        String subject = EmailTexts.format(locale, "digestSubject", count);
        Map<String, String> values = new HashMap<>(frame(locale, subject, frame.brand()));
        values.put("button.url", inboxUrl);
        values.put("button.label", EmailTexts.format(locale, "open", Map.of()));
        values.put("why", "");
        values.put("unsubscribe.url", unsubscribeUrl);
        values.put("unsubscribe.label", EmailTexts.format(locale, "unsubscribeAll", Map.of()));
        String body = text.toString().stripTrailing();
        return new Email(
                subject,
                frame.layout().text(with(values, "content", body)),
                frame.layout().html(with(values, "content", items.toString())));
    }

    private static Map<String, String> frame(String locale, String subject, Brand brand) {
        return Map.of(
                "lang", locale == null ? "en" : locale,
                "subject", subject,
                "brand.name", brand.name(),
                "brand.color", brand.color(),
                "brand.text-color", brand.textColor(),
                "brand.logo", brand.logoMarkup());
    }

    private static Map<String, String> with(Map<String, String> values, String name, String value) {
        Map<String, String> all = new HashMap<>(values);
        all.put(name, value);
        return all;
    }

    /** Text as paragraphs: a blank line starts a new one, a line break stays one; everything escaped. */
    private static String paragraphs(String body) {
        if (body.isBlank()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String paragraph : body.strip().split("\\R\\s*\\R")) {
            out.append("<p>")
                    .append(escape(paragraph.strip()).replaceAll("\\R", "<br>"))
                    .append("</p>\n");
        }
        return out.toString();
    }

    /** A subject is one line: a line break in it would start a new header. */
    private static String oneLine(String text) {
        String line = text.replaceAll("(?U)\\s+", " ").strip();
        if (line.length() <= 200) {
            return line;
        }
        int cut = Character.isHighSurrogate(line.charAt(198)) ? 198 : 199;
        return line.substring(0, cut) + "…";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
