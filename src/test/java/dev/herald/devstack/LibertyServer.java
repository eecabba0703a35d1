package dev.herald.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The Open Liberty server that {@code mvn package} prepared under target/liberty, started with Herald's env. */
public final class LibertyServer {
    private final Path wlp;
    private final String name;
    private final Map<String, String> env;
    private final int httpPort;
    private final HttpClient http = HttpClient.newHttpClient();

    public LibertyServer(Path wlp, String name, int httpPort, Map<String, String> env) {
        this.wlp = wlp;
        this.name = name;
        this.httpPort = httpPort;
        this.env = new HashMap<>(env);
        this.env.put("HERALD_HTTP_PORT", String.valueOf(httpPort));
        this.env.put("HERALD_HTTPS_PORT", String.valueOf(Ports.free()));
        this.env.put("HERALD_HTTP_HOST", "127.0.0.1");
        this.env.put("JAVA_HOME", System.getProperty("java.home"));
        if (!Files.isExecutable(wlp.resolve("bin/server"))) {
            throw new IllegalStateException("No Liberty server at " + wlp + ": run 'mvn package' first");
        }
    }

    public int httpsPort() {
        return Integer.parseInt(env.get("HERALD_HTTPS_PORT"));
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** Where Liberty writes the running server's process id. */
    public Path pidFile() {
        return wlp.resolve("usr/servers/.pid/" + name + ".pid");
    }

    public Path logs() {
        return wlp.resolve("usr/servers/" + name + "/logs");
    }

    /** Starts in the background and waits until {@code /health/ready} answers 200. */
    public void start(Duration timeout) throws IOException, InterruptedException {
        launch();
        awaitReady(timeout);
    }

    /** Starts in the background without waiting for readiness (for a server that is not meant to be ready yet). */
    public void launch() throws IOException, InterruptedException {
        int exit = command("start").waitFor();
        if (exit != 0) {
            throw new IOException("server start " + name + " exited with " + exit + "; see " + logs());
        }
    }

    /** SIGKILL of the server's process: no shutdown hook, no clean leave from Kafka groups. */
    public void kill() throws Exception {
        Optional<ProcessHandle> server = runningProcess();
        if (server.isEmpty()) {
            throw new IllegalStateException("server " + name + " is not running");
        }
        server.get().destroyForcibly();
        server.get().onExit().get(30, TimeUnit.SECONDS);
        Files.deleteIfExists(pidFile());
    }

    /** Stops the server and makes sure its process is gone, killing it if a clean stop does not end it. */
    public void stop() throws IOException, InterruptedException {
        Optional<ProcessHandle> server = runningProcess();
        Process stop = command("stop");
        if (!stop.waitFor(2, TimeUnit.MINUTES)) {
            stop.destroyForcibly();
        }
        if (server.isPresent() && server.get().isAlive()) {
            try {
                server.get().onExit().get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                server.get().destroyForcibly();
            }
        }
    }

    private Optional<ProcessHandle> runningProcess() {
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(pidFile()).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Runs in the foreground with this process's console; answers the process. */
    public Process run() throws IOException {
        ProcessBuilder builder =
                new ProcessBuilder(List.of(wlp.resolve("bin/server").toString(), "run", name));
        builder.environment().putAll(env);
        return builder.inheritIO().start();
    }

    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready =
                HttpRequest.newBuilder(baseUri().resolve("/health/ready")).build();
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IOException("Herald not ready after " + timeout + ": " + last + "; see " + logs());
    }

    private Process command(String action) throws IOException {
        ProcessBuilder builder =
                new ProcessBuilder(List.of(wlp.resolve("bin/server").toString(), action, name));
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        return builder.start();
    }
}
