package dev.herald.live.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.Herald;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The demo page in headless Chromium (Playwright): sign in, publish an event, see the badge and the item arrive over
 * the live socket, mark it read. Needs Chromium at /usr/bin/chromium and {@code npm ci --prefix src/test/browser};
 * {@code .ci/run} installs both. Screenshot: target/browser/inbox.png.
 */
class DemoPageBrowserIT {
    static final Path BROWSER_TESTS = Path.of("src/test/browser");

    @Test
    void aUserSeesANotificationArriveLiveAndMarksItRead() throws Exception {
        assertThat(BROWSER_TESTS.resolve("node_modules/playwright-core"))
                .as("playwright-core is missing: run npm ci --prefix src/test/browser")
                .exists();
        Herald herald = Herald.shared();
        Path screenshot = Path.of("target/browser/inbox.png").toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(screenshot);

        Process node = new ProcessBuilder(
                        "node",
                        BROWSER_TESTS.resolve("inbox.test.mjs").toString(),
                        herald.uri("/").toString(),
                        screenshot.toString())
                .redirectErrorStream(true)
                .start();
        boolean finished = node.waitFor(3, TimeUnit.MINUTES);
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            node.destroyForcibly();
        }

        assertThat(finished).as("browser test timed out: " + output).isTrue();
        assertThat(node.exitValue()).as(output).isZero();
        assertThat(output).contains("browser test passed");
        assertThat(screenshot).isNotEmptyFile();
    }
}
