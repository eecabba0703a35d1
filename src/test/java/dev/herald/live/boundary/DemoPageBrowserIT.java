package dev.herald.live.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.devstack.HeraldServer;
import dev.herald.testing.BrowserScript;
import dev.herald.testing.Herald;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The demo page in headless Chromium (Playwright): sign in, publish an event, see the badge and the item arrive over
 * the live socket, mark it read. Needs Chromium at /usr/bin/chromium and {@code npm ci --prefix src/test/browser};
 * {@code .ci/run} installs both. Screenshots: target/browser/inbox*.png (on Payara, target/browser/payara/).
 */
class DemoPageBrowserIT {
    /** herald-client.js's reconnect pacing, in node: the pure part of it (RestartIT checks the server's side). */
    @Test
    void theClientComesBackWhenTheServerSaidOrWithFullJitter() throws Exception {
        BrowserScript.run("client-pacing.test.mjs", Duration.ofMinutes(1));
    }

    @Test
    void aUserSeesANotificationArriveLiveAndMarksItRead() throws Exception {
        Herald herald = Herald.shared();
        // Payara's beside Liberty's, not over them
        Path dir = HeraldServer.kind().equals("liberty")
                ? Path.of("target/browser")
                : Path.of("target/browser", HeraldServer.kind());
        Path screenshot = dir.resolve("inbox.png").toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(screenshot);

        BrowserScript.run(
                "inbox.test.mjs", Duration.ofMinutes(3), herald.uri("/").toString(), screenshot.toString());
        assertThat(screenshot).isNotEmptyFile();
    }
}
