package dev.herald.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the Playwright scripts in {@code src/test/browser} with node and headless Chromium, and asserts that it
 * finished in time, exited 0 and said "browser test passed". Needs Chromium at /usr/bin/chromium and
 * {@code npm ci --prefix src/test/browser}; {@code .ci/run} installs both.
 */
public final class BrowserScript {
    public static final Path BROWSER_TESTS = Path.of("src/test/browser");

    private BrowserScript() {}

    /** Runs {@code script} with {@code args}; answers its output. */
    public static String run(String script, Duration timeout, String... args) throws Exception {
        assertThat(BROWSER_TESTS.resolve("node_modules/playwright-core"))
                .as("playwright-core is missing: run npm ci --prefix src/test/browser")
                .exists();
        List<String> command =
                new ArrayList<>(List.of("node", BROWSER_TESTS.resolve(script).toString()));
        command.addAll(List.of(args));
        Process node = new ProcessBuilder(command).redirectErrorStream(true).start();
        // read while it runs, so a chatty script cannot fill the pipe and stall
        // on a thread of its own: the common pool has a single thread on two cores, which a test may hold
        ExecutorService reader = Executors.newSingleThreadExecutor();
        CompletableFuture<String> output = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                },
                reader);
        reader.shutdown();
        boolean finished = node.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            node.destroyForcibly();
        }
        String text = output.get(30, TimeUnit.SECONDS);
        assertThat(finished).as("browser test timed out: " + text).isTrue();
        assertThat(node.exitValue()).as(text).isZero();
        assertThat(text).contains("browser test passed");
        return text;
    }
}
