package dev.herald.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The run commands ({@code mvn -Prun}, {@code mvn -Prun-payara}): the embedded stack plus Open Liberty or Payara
 * Micro in the foreground. Ctrl-C stops the server, Kafka and PostgreSQL.
 */
public final class DevStack {
    private DevStack() {}

    public static void main(String[] args) throws Exception {
        Path workDir = Path.of(System.getProperty("herald.work.dir", "target/run"));
        int httpPort = Integer.parseInt(System.getenv().getOrDefault("HERALD_HTTP_PORT", "9080"));
        Stack stack = Stack.start(workDir, Ports.preferring(9092));
        // another name (a copy of the server) when a test runs this beside the tests' own "herald"
        String name = System.getProperty("herald.server.name", "herald");
        HeraldServer server = HeraldServer.create(name, httpPort, stack.heraldEnvironment());
        Process process = server.run();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.stop();
                process.waitFor(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
            }
            stack.close();
        }));
        server.awaitReady(Duration.ofMinutes(3));
        System.out.println(banner(server, stack));
        System.exit(process.waitFor());
    }

    private static String banner(HeraldServer server, Stack stack) {
        String base = server.baseUri().toString();
        return """

                ==================================================================
                 Herald is running on %s (embedded default). Ctrl-C stops everything.
                   API          %s/api
                   Demo page    %s/
                   Console      %s/admin/   (dev mode signs you in as the admin "ops")
                   Metrics      https://127.0.0.1:%d/metrics   (Prometheus text; an admin token, see docs/operations.md)
                   Health       %s/health/ready
                   Kafka        %s   (topic herald.events)
                   PostgreSQL   %s
                 Dev token (dev mode only):
                   curl -s -X POST %s/api/dev/tokens -H 'Content-Type: application/json' \\
                        -d '{"sub":"alice","groups":["user","publisher"]}'
                ==================================================================
                """
                .formatted(
                        HeraldServer.kind().equals("payara") ? "Payara Micro" : "Open Liberty",
                        base,
                        base,
                        base,
                        server.httpsPort(),
                        base,
                        stack.bootstrapServers(),
                        stack.database().url(),
                        base);
    }
}
