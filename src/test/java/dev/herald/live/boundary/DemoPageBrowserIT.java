package dev.herald.live.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.BrowserScript;
import dev.herald.testing.Herald;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The demo page in headless Chromium (Playwright): sign in, publish an event, see the badge and the item arrive over
 * the live socket, mark it read. Needs Chromium at /usr/bin/chromium and {@code npm ci --prefix src/test/browser};
 * {@code .ci/run} installs both. Screenshot: target/browser/inbox.png.
 */
class DemoPageBrowserIT {
    @Test
    void aUserSeesANotificationArriveLiveAndMarksItRead() throws Exception {
        Herald herald = Herald.shared();
        Path screenshot = Path.of("target/browser/inbox.png").toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(screenshot);

        BrowserScript.run(
                "inbox.test.mjs", Duration.ofMinutes(3), herald.uri("/").toString(), screenshot.toString());
        assertThat(screenshot).isNotEmptyFile();
    }
}
