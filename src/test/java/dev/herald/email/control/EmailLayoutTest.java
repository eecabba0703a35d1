package dev.herald.email.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmailLayoutTest {
    @TempDir
    Path dir;

    private EmailLayout layout(String html, String text) throws Exception {
        Files.writeString(dir.resolve("layout.html"), html);
        Files.writeString(dir.resolve("layout.txt"), text);
        return EmailLayout.from(dir);
    }

    @Test
    void anOperatorsLayoutIsFilledWithEscapedValuesButHeraldsMarkup() throws Exception {
        EmailLayout mine = layout(
                "<h2>{{brand.name}}</h2>{{content}}<a href=\"{{unsubscribe.url}}\">x</a>",
                "{{content}}\n{{why}}\n{{unsubscribe.url}}\n");
        Map<String, String> values = Map.of(
                "brand.name", "<Acme & Co>",
                "content", "<h1>Title</h1>",
                "unsubscribe.url", "https://h.example/u?a=1&b=2",
                "why", "");
        assertThat(mine.html(values))
                .isEqualTo(
                        "<h2>&lt;Acme &amp; Co&gt;</h2><h1>Title</h1><a href=\"https://h.example/u?a=1&amp;b=2\">x</a>");
        assertThat(mine.text(values))
                .as("an empty slot alone on its line goes with its line")
                .isEqualTo("<h1>Title</h1>\nhttps://h.example/u?a=1&b=2\n");
    }

    @Test
    void anUnknownSlotOrAMissingContentOrUnsubscribeLinkIsRefused() throws Exception {
        assertThatThrownBy(
                        () -> layout("{{content}}{{unsubscribe.url}}{{brand.motto}}", "{{content}}{{unsubscribe.url}}"))
                .hasMessageContaining("layout.html: unknown slot {{brand.motto}}");
        assertThatThrownBy(() -> layout("{{content}}", "{{content}}{{unsubscribe.url}}"))
                .hasMessageContaining("layout.html: needs the slot {{unsubscribe.url}}");
        assertThatThrownBy(() -> layout("{{content}}{{unsubscribe.url}}", "{{unsubscribe.url}}"))
                .hasMessageContaining("layout.txt: needs the slot {{content}}");
        assertThatThrownBy(() -> EmailLayout.from(dir.resolve("missing"))).hasMessageContaining("cannot be read");
    }

    @Test
    void aBrandTakesOnlyPlainColoursAndAnHttpsLogo() {
        assertThatThrownBy(() -> new Brand("Acme", "", "red;background:url(x)", "#ffffff"))
                .hasMessageContaining("#rrggbb");
        assertThatThrownBy(() -> new Brand("Acme", "http://cdn.example/logo.png", "#000000", "#ffffff"))
                .hasMessageContaining("https");
        assertThat(new Brand("Acme", "https://cdn.example/a\"b.png", "#000000", "#ffffff").logoMarkup())
                .contains("src=\"https://cdn.example/a&quot;b.png\"");
    }
}
