package dev.herald.testing;

import dev.herald.devstack.Stack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Further Liberty servers beside "herald" in target/liberty/wlp, made from its configuration. */
final class ServerCopies {
    private ServerCopies() {}

    /** A fresh copy of the "herald" server; with its application, or without it for Arquillian to deploy into. */
    static Path copyHerald(String name, boolean withApplication) throws IOException {
        Path servers = TestStack.wlp().resolve("usr/servers");
        Path herald = servers.resolve("herald");
        Path server = servers.resolve(name);
        Stack.deleteTree(server);
        Files.createDirectories(server.resolve("configDropins/overrides"));
        String serverXml = Files.readString(herald.resolve("server.xml"));
        if (withApplication) {
            Files.createDirectories(server.resolve("apps"));
            Files.copy(herald.resolve("apps/herald.war"), server.resolve("apps/herald.war"));
        } else {
            serverXml = serverXml.replaceAll("(?s)<webApplication[^>]*/>", "");
        }
        Files.writeString(server.resolve("server.xml"), serverXml);
        // the default keystore's password: Liberty's MP JWT configuration (<mpJwt>) is not active without it
        Files.copy(herald.resolve("server.env"), server.resolve("server.env"));
        return server;
    }
}
