package dev.herald.link.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OpenLinksTest {
    private static final Instant NOW = Instant.parse("2026-12-08T10:00:00Z");

    private static OpenLinks links(String secret) {
        OpenLinks links = new OpenLinks();
        links.configured = secret;
        links.ttlDays = 90;
        links.publicUrl = "https://notify.example.com/";
        links.init();
        return links;
    }

    private static String token(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    @Test
    void aLinkOpensItsNotificationForItsRecipientUntilItExpires() {
        OpenLinks links = links("s3cret");
        String url = links.url("n-1", "ana", NOW);
        assertThat(url).startsWith("https://notify.example.com/api/open/");
        assertThat(links.read(token(url), NOW.plus(Duration.ofDays(30)))).contains(new OpenLinks.Opening("n-1", "ana"));
        assertThat(links.read(token(url), NOW.plus(Duration.ofDays(91)))).isEmpty();
    }

    @Test
    void aTamperedForeignOrMangledTokenOpensNothing() {
        String token = token(links("s3cret").url("n-1", "ana", NOW));
        assertThat(links("other").read(token, NOW)).as("another secret").isEmpty();
        String[] parts = token.split("\\.");
        String forged = java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(
                                ("open1\nn-1\nben\n" + NOW.plusSeconds(999).getEpochSecond()).getBytes())
                + "." + parts[1];
        assertThat(links("s3cret").read(forged, NOW)).as("another recipient").isEmpty();
        assertThat(links("s3cret").read("not-a-token", NOW)).isEmpty();
        assertThat(links("s3cret").read("%%%.###", NOW)).isEmpty();
        assertThat(links("s3cret").read(null, NOW)).isEmpty();
    }

    @Test
    void anUnsubscribeTokenIsNotAnOpenToken() {
        var tokens = dev.herald.platform.control.SignedTokens.under("s3cret");
        assertThat(links("s3cret").read(tokens.sign("ana\nsocial"), NOW)).isEmpty();
        assertThat(links("s3cret").read(tokens.sign("social\nn-1\nana\n99999999999"), NOW))
                .isEmpty();
    }

    @Test
    void theInboxShowsTheNotification() {
        assertThat(links("s").inbox("n-1")).isEqualTo("https://notify.example.com/?notification=n-1");
    }
}
