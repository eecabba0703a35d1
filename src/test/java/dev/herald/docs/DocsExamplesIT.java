package dev.herald.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.devstack.Ports;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every shell block in the README and docs/ runs, verbatim, against the run command: this test starts what
 * {@code mvn -Prun} starts (DevStack, with this build's classes), then runs each file's {@code sh} blocks in order in
 * one bash ({@code set -euo pipefail}, so a failing command or an HTTP error under {@code --fail-with-body} fails it),
 * with the documented addresses (127.0.0.1:9080 and :9092) pointed at the started instance. A block that cannot run
 * here (it needs your own Kafka, identity provider or cluster, or it is the test command itself) is preceded by a
 * comment {@code <!-- not run: why -->}, and that reason is required. Liberty only (the Payara run starts the same
 * stack).
 */
class DocsExamplesIT {
    static final Pattern BLOCK = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```");
    static final Pattern NOT_RUN = Pattern.compile("<!-- not run: ([^>]+) -->\\s*$");
    static final Path SHIMS = Path.of("target/docs-shims").toAbsolutePath();

    static Process run;
    static String base;
    static String kafka;
    static final StringBuilder output = new StringBuilder();

    /** One {@code sh} block: where it is, what it says, and why it is not run (null: it is run). */
    record ShellBlock(Path file, int line, String text, String notRun) {}

    static List<Path> documents() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    static List<ShellBlock> shellBlocks(Path file) throws IOException {
        String text = Files.readString(file);
        List<ShellBlock> blocks = new ArrayList<>();
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            if (!block.group(1).equals("sh")) {
                continue;
            }
            Matcher reason = NOT_RUN.matcher(text.substring(Math.max(0, block.start() - 300), block.start()));
            int line = (int) text.substring(0, block.start())
                            .chars()
                            .filter(c -> c == '\n')
                            .count()
                    + 1;
            blocks.add(new ShellBlock(file, line, block.group(2), reason.find() ? reason.group(1) : null));
        }
        return blocks;
    }

    @BeforeAll
    static void startTheRunCommand() throws Exception {
        Files.createDirectories(SHIMS);
        Path producer = SHIMS.resolve("kafka-console-producer.sh");
        Files.writeString(
                producer,
                "#!/bin/sh\nexec \"" + javaBin() + "\" -cp \"" + System.getProperty("java.class.path")
                        + "\" dev.herald.devstack.ConsoleProducer \"$@\"\n");
        producer.toFile().setExecutable(true);

        int port = Ports.free();
        List<String> command = new ArrayList<>(List.of(javaBin()));
        for (String name : List.of("herald.liberty.dir", "herald.war", "herald.payara.dir")) {
            if (System.getProperty(name) != null) {
                command.add("-D" + name + "=" + System.getProperty(name));
            }
        }
        command.add("-Dherald.work.dir=" + Path.of("target/it/docs-run").toAbsolutePath());
        command.add("-Dherald.server.name=herald-docs");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.herald.devstack.DevStack"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("HERALD_HTTP_PORT", Integer.toString(port));
        run = builder.start();
        CompletableFuture<Void> banner = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    Matcher kafkaLine = Pattern.compile("^\\s+Kafka\\s+(\\S+)").matcher(line);
                    if (kafkaLine.find()) {
                        kafka = kafkaLine.group(1);
                        banner.complete(null);
                    }
                }
            } catch (IOException e) {
                banner.completeExceptionally(e);
            }
            banner.completeExceptionally(new IllegalStateException("the run command ended:\n" + output));
        });
        reader.setDaemon(true);
        reader.start();
        banner.get(5, TimeUnit.MINUTES);
        base = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() throws Exception {
        if (run != null) {
            run.destroy(); // SIGTERM: the run command's shutdown hook stops Liberty, Kafka and PostgreSQL
            if (!run.waitFor(90, TimeUnit.SECONDS)) {
                run.destroyForcibly();
            }
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void everyShellBlockRunsOrSaysWhyNot() throws Exception {
        List<String> ran = new ArrayList<>();
        for (Path file : documents()) {
            List<ShellBlock> blocks = shellBlocks(file);
            StringBuilder script = new StringBuilder("set -euo pipefail\n");
            for (ShellBlock block : blocks) {
                if (block.notRun() != null) {
                    assertThat(block.notRun())
                            .as(block.file() + ":" + block.line())
                            .isNotBlank();
                    continue;
                }
                script.append("echo '>>> ")
                        .append(block.file())
                        .append(':')
                        .append(block.line())
                        .append("'\n")
                        .append(pointedAtTheRun(block.text()))
                        .append('\n');
                ran.add(block.file() + ":" + block.line());
            }
            if (script.indexOf(">>> ") < 0) {
                continue;
            }
            String result = bash(script.toString());
            if (file.toString().equals("README.md")) {
                // the tour's two likes, one over REST and one through Kafka, became one notification
                assertThat(result)
                        .contains("liked your post")
                        .contains("\"eventCount\":2")
                        .contains("\"count\":1");
            }
        }
        assertThat(ran).as("the README's tour is run").anyMatch(where -> where.startsWith("README.md"));
        System.out.println("docs blocks run: " + ran);
    }

    @Test
    void theTwoCommandsAreTheOnesThisBuildRuns() throws Exception {
        List<ShellBlock> readme = shellBlocks(Path.of("README.md"));
        assertThat(readme.get(0).text().strip()).isEqualTo("mvn -Prun");
        assertThat(readme.get(1).text().strip()).isEqualTo("mvn verify");
        assertThat(Files.readString(Path.of(".ci/run"))).contains("exec mvn -B -ntp verify");
        // the first is what this test started (the profile runs DevStack with the test class path)
        assertThat(Files.readString(Path.of("pom.xml"))).contains("<argument>dev.herald.devstack.DevStack</argument>");
    }

    private static String pointedAtTheRun(String text) {
        return text.replace("http://127.0.0.1:9080", base).replace("127.0.0.1:9092", kafka);
    }

    private static String bash(String script) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("PATH", SHIMS + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        Process bash = builder.start();
        String text = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(Duration.ofMinutes(3).toSeconds(), TimeUnit.SECONDS))
                .isTrue();
        assertThat(bash.exitValue()).as(text).isZero();
        return text;
    }
}
