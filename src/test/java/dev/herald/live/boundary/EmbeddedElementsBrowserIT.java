package dev.herald.live.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.devstack.HeraldServer;
import dev.herald.testing.BrowserScript;
import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Herald inside a product on another origin: a "customer app" at {@code http://localhost:<port>} (Herald is at
 * 127.0.0.1, so every call is cross-origin, with CORS and preflights) loads {@code <herald-bell>},
 * {@code <herald-inbox>} and {@code <herald-preferences>} from Herald and its service worker through a one-line
 * {@code /sw.js}; a notification arrives live, is read, a preference changes, and a second tab follows. On Liberty and
 * Payara. Screenshots: target/browser/customer-app*.png (Payara's in target/browser/payara/).
 */
class EmbeddedElementsBrowserIT {
    @Test
    void aPageOnAnotherOriginEmbedsTheElementsAndFollowsLive() throws Exception {
        Herald herald = Herald.shared();
        Path dir = HeraldServer.kind().equals("liberty")
                ? Path.of("target/browser")
                : Path.of("target/browser", HeraldServer.kind());
        Path screenshot = dir.resolve("customer-app.png").toAbsolutePath();
        Files.createDirectories(dir);
        Files.deleteIfExists(screenshot);
        String user = Events.newUser("acme");

        BrowserScript.run(
                "customer-app.test.mjs",
                Duration.ofMinutes(3),
                herald.uri("/").toString(),
                Integer.toString(Herald.CUSTOMER_APP_PORT),
                herald.token(user, "user"),
                herald.token("acme-ci", "publisher"),
                user,
                screenshot.toString());
        assertThat(screenshot).isNotEmptyFile();
    }
}
