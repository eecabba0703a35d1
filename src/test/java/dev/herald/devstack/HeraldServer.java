package dev.herald.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Herald instance on an application server the tests and the run command start themselves: Open Liberty (the
 * default) or Payara Micro ({@code -Dherald.server=payara}), with the same WAR and the same environment.
 */
public interface HeraldServer {

    /** Which server the system property {@code herald.server} names: {@code liberty} (default) or {@code payara}. */
    static String kind() {
        return System.getProperty("herald.server", "liberty");
    }

    /** A server of {@link #kind()} named {@code name}, listening for HTTP on {@code httpPort}. */
    static HeraldServer create(String name, int httpPort, Map<String, String> env) throws IOException {
        return switch (kind()) {
            case "liberty" -> LibertyServer.copyOf(name, httpPort, env);
            case "payara" -> PayaraMicroServer.create(name, httpPort, env);
            default -> throw new IllegalArgumentException("herald.server must be liberty or payara, not " + kind());
        };
    }

    URI baseUri();

    int httpsPort();

    /** The directory of the server's logs; its console log is {@code messages.log} on both servers. */
    Path logs();

    /** The running server's process id. */
    long pid() throws IOException;

    /** Starts in the background without waiting for readiness (for a server that is not meant to be ready yet). */
    void launch() throws IOException, InterruptedException;

    /** SIGKILL of the server's process: no shutdown hook, no clean leave from Kafka groups. */
    void kill() throws Exception;

    /** Stops the server and makes sure its process is gone, killing it if a clean stop does not end it. */
    void stop() throws IOException, InterruptedException;

    /** Runs in the foreground with this process's console; answers the process. */
    Process run() throws IOException;

    /** Starts in the background and waits until {@code /health/ready} answers 200 and HTTPS listens. */
    default void start(Duration timeout) throws IOException, InterruptedException {
        launch();
        awaitReady(timeout);
    }

    /** Throws if the server's process is known to have ended (a server that failed at start), naming why. */
    default void checkAlive() throws IOException {}

    default void awaitReady(Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest ready = HttpRequest.newBuilder(baseUri().resolve("/health/ready"))
                .timeout(Duration.ofSeconds(10))
                .build();
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            checkAlive();
            try {
                HttpResponse<String> response = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    last = response.statusCode() + " " + response.body();
                } else if (!listens(httpsPort())) {
                    // both servers answer /metrics and the mutual TLS paths over HTTPS only
                    last = "ready over HTTP, but nothing listens for HTTPS on port " + httpsPort();
                } else {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        throw new IOException("Herald not ready after " + timeout + ": " + last + "; the end of "
                + logs().resolve("messages.log") + ":\n" + logTail(80));
    }

    private static boolean listens(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /**
     * The last lines of the server's console log, so a start that failed says why in the test report itself (the
     * server's directory is gone by the time anyone reads a CI report).
     */
    default String logTail(int lines) {
        Path log = logs().resolve("messages.log");
        try {
            List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
