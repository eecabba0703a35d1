package dev.herald.testing;

import dev.herald.devstack.LibertyServer;
import dev.herald.devstack.Ports;
import dev.herald.devstack.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Before Arquillian starts its managed Liberty, creates that server ("arquillian-<pid>") from Herald's own server.xml, with
 * the local connector Arquillian deploys through, and points it at the test stack: its own database and topic, so it
 * never competes with the "herald" server the black-box tests use. Register it before {@code ArquillianExtension}.
 */
public class ArquillianServer implements BeforeAllCallback {
    private static boolean prepared;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        if (insideTheServer()) {
            return;
        }
        prepare();
    }

    /** The test class also runs inside Liberty, where the stack's classes are not deployed. */
    private static boolean insideTheServer() {
        try {
            Class.forName("dev.herald.devstack.Stack");
            return false;
        } catch (ClassNotFoundException e) {
            return true;
        }
    }

    private static synchronized void prepare() throws Exception {
        if (prepared) {
            return;
        }
        Stack stack = TestStack.shared();
        Path servers = LibertyServer.wlp().resolve("usr/servers");
        // named for this test run: the container refuses to start when a JVM of the same server name runs, and one of
        // another run on this machine (a CI clone beside a working copy) must not count
        String name = "arquillian-" + ProcessHandle.current().pid();
        Path server = servers.resolve(name);
        Stack.deleteTree(server);
        Files.createDirectories(server.resolve("configDropins/overrides"));
        String serverXml =
                Files.readString(servers.resolve("herald/server.xml")).replaceAll("(?s)<webApplication[^>]*/>", "");
        Files.writeString(server.resolve("server.xml"), serverXml);
        Files.writeString(
                server.resolve("configDropins/overrides/arquillian.xml"),
                """
                <server>
                  <featureManager>
                    <feature>localConnector-1.0</feature>
                  </featureManager>
                  <applicationMonitor updateTrigger="mbean" dropinsEnabled="true"/>
                </server>
                """);
        try (Connection db = stack.database().connect();
                Statement sql = db.createStatement()) {
            sql.execute("CREATE DATABASE arquillian");
        }
        String url = stack.database().url();
        int httpPort = Ports.free();
        Map<String, String> env = new TreeMap<>(stack.heraldEnvironment());
        env.put("HERALD_DB_URL", url.substring(0, url.lastIndexOf('/') + 1) + "arquillian");
        env.put("HERALD_TOPIC_EVENTS", "herald.arquillian.events");
        env.put("HERALD_KAFKA_GROUP_ID", "herald-arquillian");
        env.put("HERALD_HTTP_PORT", String.valueOf(httpPort));
        env.put("HERALD_HTTPS_PORT", String.valueOf(Ports.free()));
        env.put("HERALD_HTTP_HOST", "127.0.0.1");
        Files.writeString(
                server.resolve("server.env"),
                env.entrySet().stream()
                                .map(e -> e.getKey() + "=" + e.getValue())
                                .collect(Collectors.joining("\n")) + "\n");
        System.setProperty("herald.arquillian.http.port", String.valueOf(httpPort));
        System.setProperty("herald.arquillian.server", name);
        prepared = true;
    }
}
