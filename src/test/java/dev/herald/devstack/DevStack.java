package dev.herald.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The run command ({@code mvn -Prun}): the embedded stack plus Liberty in the foreground. Ctrl-C stops Liberty,
 * Kafka and PostgreSQL.
 */
public final class DevStack {
    private DevStack() {}

    public static void main(String[] args) throws Exception {
        Path workDir = Path.of(System.getProperty("herald.work.dir", "target/run"));
        int httpPort = Integer.parseInt(System.getenv().getOrDefault("HERALD_HTTP_PORT", "9080"));
        Stack stack = Stack.start(workDir, Ports.preferring(9092));
        HeraldServer liberty = HeraldServer.create("herald", httpPort, stack.heraldEnvironment());
        Process server = liberty.run();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                liberty.stop();
                server.waitFor(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                server.destroyForcibly();
            }
            stack.close();
        }));
        liberty.awaitReady(Duration.ofMinutes(3));
        System.out.println(banner(liberty, stack));
        System.exit(server.waitFor());
    }

    private static String banner(HeraldServer liberty, Stack stack) {
        String base = liberty.baseUri().toString();
        return """

                ==================================================================
                 Herald is running (embedded default). Ctrl-C stops everything.
                   API          %s/api
                   Demo page    %s/
                   Console      %s/admin/   (dev mode signs you in as the admin "ops")
                   Metrics      https://127.0.0.1:%d/metrics   (Prometheus text; an admin token, see the README)
                   Health       %s/health/ready
                   Kafka        %s   (topic herald.events)
                   PostgreSQL   %s
                 Dev token (dev mode only):
                   curl -s -X POST %s/api/dev/tokens -H 'Content-Type: application/json' \\
                        -d '{"sub":"alice","groups":["user","publisher"]}'
                ==================================================================
                """
                .formatted(
                        base,
                        base,
                        base,
                        liberty.httpsPort(),
                        base,
                        stack.bootstrapServers(),
                        stack.database().url(),
                        base);
    }
}
