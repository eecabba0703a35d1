package dev.herald.devstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Herald's WAR on Payara Micro, as {@code mvn package} prepared it under target/payara: the Payara Micro jar, the
 * PostgreSQL driver, the pre-boot commands that set up the listeners (src/main/payara/preboot.asadmin) and the post-boot
 * commands that define the datasources from the environment (src/main/payara/postboot.asadmin). The same WAR and environment as on Liberty.
 */
public final class PayaraMicroServer implements HeraldServer {
    private final Path home;
    private final Path dir;
    private final Map<String, String> env;
    private final int httpPort;
    private final int httpsPort = Ports.free();
    private Process process;

    private PayaraMicroServer(Path home, Path dir, int httpPort, Map<String, String> env) {
        this.home = home;
        this.dir = dir;
        this.httpPort = httpPort;
        this.env = new HashMap<>(env);
        this.env.put("HERALD_HTTP_PORT", String.valueOf(httpPort));
    }

    /** Where {@code mvn package} prepared Payara Micro (system property {@code herald.payara.dir}). */
    public static Path home() {
        return Path.of(System.getProperty("herald.payara.dir", "target/payara"));
    }

    /** An instance named {@code name}, with its runtime directory and logs under target/payara/instances. */
    static PayaraMicroServer create(String name, int httpPort, Map<String, String> env) throws IOException {
        Path home = home().toAbsolutePath();
        if (!Files.isRegularFile(home.resolve("payara-micro.jar"))) {
            throw new IllegalStateException("No Payara Micro at " + home + ": run 'mvn package' first");
        }
        Path dir = home.resolve("instances").resolve(name);
        killLeftOver(dir.resolve("pid"));
        Stack.deleteTree(dir);
        Files.createDirectories(dir.resolve("logs"));
        return new PayaraMicroServer(home, dir, httpPort, env);
    }

    /** An instance a test JVM that was killed itself left running (it would hold the ports and the directory). */
    private static void killLeftOver(Path pidFile) {
        try {
            ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                    .filter(p -> p.info().commandLine().orElse("").contains("payara-micro.jar"))
                    .ifPresent(p -> {
                        p.destroyForcibly();
                        p.onExit().join();
                    });
        } catch (IOException | NumberFormatException e) {
            // no instance was left: nothing to do
        }
    }

    @Override
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    @Override
    public int httpsPort() {
        return httpsPort;
    }

    @Override
    public synchronized long pid() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("Payara Micro " + dir.getFileName() + " is not running");
        }
        return process.pid();
    }

    @Override
    public Path logs() {
        return dir.resolve("logs");
    }

    @Override
    public synchronized void launch() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Payara Micro " + dir.getFileName() + " is already running");
        }
        // a fresh runtime each start, as in a container: the post-boot commands define the datasources anew
        Stack.deleteTree(dir.resolve("runtime"));
        ProcessBuilder builder = builder();
        builder.redirectErrorStream(true);
        builder.redirectOutput(
                ProcessBuilder.Redirect.appendTo(logs().resolve("messages.log").toFile()));
        process = builder.start();
        Files.writeString(dir.resolve("pid"), String.valueOf(process.pid()));
    }

    @Override
    public synchronized void checkAlive() throws IOException {
        if (process != null && !process.isAlive()) {
            throw new IOException("Payara Micro " + dir.getFileName() + " ended with exit code " + process.exitValue()
                    + " before it was ready; the end of " + logs().resolve("messages.log") + ":\n" + logTail(80));
        }
        if (process != null && startFailed()) {
            // Payara Micro logs this and goes on running, serving nothing (seen: its HTTP port taken meanwhile)
            throw new IOException("Payara Micro " + dir.getFileName() + " failed to start (NCLS-CORE-00019) and"
                    + " serves nothing; the end of " + logs().resolve("messages.log") + ":\n" + logTail(80));
        }
    }

    /** Whether the log has Payara's "Shutting down server due to startup exception" (message id NCLS-CORE-00019). */
    private boolean startFailed() throws IOException {
        Path log = logs().resolve("messages.log");
        return Files.exists(log)
                && Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1)
                        .contains("[NCLS-CORE-00019]");
    }

    @Override
    public synchronized void kill() throws Exception {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("Payara Micro " + dir.getFileName() + " is not running");
        }
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        // SIGTERM: Payara Micro's shutdown hook undeploys Herald, which stops its consumers cleanly
        process.destroy();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(
                        "Payara Micro " + dir.getFileName() + " (pid " + process.pid() + ") did not end");
            }
        }
    }

    @Override
    public synchronized Process run() throws IOException {
        Stack.deleteTree(dir.resolve("runtime"));
        process = builder().inheritIO().start();
        Files.writeString(dir.resolve("pid"), String.valueOf(process.pid()));
        return process;
    }

    private ProcessBuilder builder() {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        // JVM options as Liberty's server script takes them (the benchmark sets the heap and a GC log this way)
        String jvmArgs = env.getOrDefault("JVM_ARGS", "-Xmx768m").trim();
        if (!jvmArgs.isEmpty()) {
            command.addAll(List.of(jvmArgs.split("\\s+")));
        }
        command.addAll(List.of(
                "-jar",
                home.resolve("payara-micro.jar").toString(),
                "--nocluster",
                // Herald clusters through Kafka and PostgreSQL, not Payara's data grid
                "--nohazelcast",
                "--rootdir",
                dir.resolve("runtime").toString(),
                "--addlibs",
                home.resolve("postgresql.jar").toString(),
                "--prebootcommandfile",
                home.resolve("preboot.asadmin").toString(),
                "--postbootcommandfile",
                home.resolve("postboot.asadmin").toString(),
                "--deploy",
                Path.of(System.getProperty("herald.war", "target/herald.war"))
                        .toAbsolutePath()
                        .toString(),
                "--contextroot",
                "/",
                "--port",
                String.valueOf(httpPort),
                "--sslport",
                String.valueOf(httpsPort)));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        return builder;
    }
}
