package dev.herald.devstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The Open Liberty server that {@code mvn package} prepared under target/liberty, started with Herald's env. */
public final class LibertyServer implements HeraldServer {
    private final Path wlp;
    private final String name;
    private final Map<String, String> env;
    private final int httpPort;

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

    /** Where {@code mvn package} prepared Liberty (system property {@code herald.liberty.dir}). */
    public static Path wlp() {
        return Path.of(System.getProperty("herald.liberty.dir", "target/liberty/wlp"));
    }

    /**
     * The server {@code name}: "herald" as {@code mvn package} prepared it, any other name a fresh copy of it with
     * its application.
     */
    static LibertyServer copyOf(String name, int httpPort, Map<String, String> env) throws IOException {
        if (!name.equals("herald")) {
            copyHerald(wlp(), name);
        }
        return new LibertyServer(wlp(), name, httpPort, env);
    }

    /** A fresh copy of the "herald" server beside it, with its application. */
    private static void copyHerald(Path wlp, String name) throws IOException {
        Path servers = wlp.resolve("usr/servers");
        Path herald = servers.resolve("herald");
        Path server = servers.resolve(name);
        Stack.deleteTree(server);
        Files.createDirectories(server.resolve("configDropins/overrides"));
        Files.createDirectories(server.resolve("apps"));
        Files.copy(herald.resolve("apps/herald.war"), server.resolve("apps/herald.war"));
        Files.copy(herald.resolve("server.xml"), server.resolve("server.xml"));
        // the default keystore's password: Liberty's MP JWT configuration (<mpJwt>) is not active without it
        Files.copy(herald.resolve("server.env"), server.resolve("server.env"));
    }

    @Override
    public int httpsPort() {
        return Integer.parseInt(env.get("HERALD_HTTPS_PORT"));
    }

    @Override
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + httpPort);
    }

    /** Where Liberty writes the running server's process id. */
    public Path pidFile() {
        return wlp.resolve("usr/servers/.pid/" + name + ".pid");
    }

    @Override
    public long pid() throws IOException {
        return Long.parseLong(Files.readString(pidFile()).trim());
    }

    @Override
    public Path logs() {
        return wlp.resolve("usr/servers/" + name + "/logs");
    }

    /** Starts in the background without waiting for readiness (for a server that is not meant to be ready yet). */
    @Override
    public void launch() throws IOException, InterruptedException {
        int exit = command("start").waitFor();
        if (exit != 0) {
            throw new IOException("server start " + name + " exited with " + exit + "; see " + logs());
        }
    }

    /** SIGKILL of the server's process: no shutdown hook, no clean leave from Kafka groups. */
    @Override
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
    @Override
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
    @Override
    public Process run() throws IOException {
        ProcessBuilder builder =
                new ProcessBuilder(List.of(wlp.resolve("bin/server").toString(), "run", name));
        builder.environment().putAll(env);
        return builder.inheritIO().start();
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
