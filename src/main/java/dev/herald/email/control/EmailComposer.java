package dev.herald.email.control;

import dev.herald.inbox.entity.Notification;
import java.util.List;
import java.util.Map;

/**
 * An email's subject and its two bodies, plain text and HTML, from notifications already worded in the recipient's
 * locale by the catalog's templates. Everything that came from an event is HTML-escaped in the HTML body.
 */
public final class EmailComposer {
    /** The most notifications a digest lists; it says how many more there are. */
    static final int DIGEST_LIMIT = 50;

    private EmailComposer() {}

    /** What the email says. */
    public record Email(String subject, String text, String html) {}

    /** A single notification: its title is the subject. */
    public static Email single(Notification n, String inboxUrl, String unsubscribeUrl) {
        String locale = n.locale();
        Map<String, Object> category = Map.of("category", n.category());
        String text = n.title() + "\n\n" + n.body() + "\n\n" + EmailTexts.format(locale, "open", Map.of()) + ": "
                + inboxUrl + "\n\n-- \n" + EmailTexts.format(locale, "why", category) + "\n"
                + EmailTexts.format(locale, "unsubscribe", category) + ": " + unsubscribeUrl + "\n";
        String html = page(
                locale,
                "<h1 style=\"font-size:18px\">" + escape(n.title()) + "</h1>\n<p>" + escape(n.body()) + "</p>\n",
                inboxUrl,
                EmailTexts.format(locale, "why", category),
                EmailTexts.format(locale, "unsubscribe", category),
                unsubscribeUrl);
        return new Email(oneLine(n.title()), text, html);
    }

    /** A digest: the newest notifications first, at most {@link #DIGEST_LIMIT}; its link unsubscribes from all email. */
    public static Email digest(List<Notification> notifications, String inboxUrl, String unsubscribeUrl) {
        String locale = notifications.get(0).locale();
        Map<String, Object> count = Map.of("count", notifications.size());
        StringBuilder text = new StringBuilder(EmailTexts.format(locale, "digestIntro", Map.of())).append("\n\n");
        StringBuilder items = new StringBuilder("<ul>\n");
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
        text.append('\n')
                .append(EmailTexts.format(locale, "open", Map.of()))
                .append(": ")
                .append(inboxUrl)
                .append("\n\n-- \n")
                .append(EmailTexts.format(locale, "unsubscribeAll", Map.of()))
                .append(": ")
                .append(unsubscribeUrl)
                .append('\n');
        String html = page(
                locale,
                "<p>" + escape(EmailTexts.format(locale, "digestIntro", Map.of())) + "</p>\n" + items,
                inboxUrl,
                "",
                EmailTexts.format(locale, "unsubscribeAll", Map.of()),
                unsubscribeUrl);
        return new Email(EmailTexts.format(locale, "digestSubject", count), text.toString(), html);
    }

    private static String page(
            String locale, String content, String inboxUrl, String why, String unsubscribe, String unsubscribeUrl) {
        return "<!DOCTYPE html>\n<html lang=\"" + escape(locale == null ? "en" : locale) + "\"><head><meta"
                + " charset=\"utf-8\"></head>\n<body style=\"font-family:sans-serif\">\n" + content
                + "<p><a href=\"" + escape(inboxUrl) + "\">" + escape(EmailTexts.format(locale, "open", Map.of()))
                + "</a></p>\n<hr>\n<p style=\"color:#666;font-size:12px\">" + escape(why) + " <a href=\""
                + escape(unsubscribeUrl) + "\">" + escape(unsubscribe) + "</a></p>\n</body></html>\n";
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
