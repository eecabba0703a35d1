package dev.herald.channel.control;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The configured {@link DestinationGuard}, and the {@link GuardedHttp} client that resolves through it, for every
 * call Herald makes to an address a user or admin gave (webhooks,
 * push endpoints): https only unless {@code herald.channel.https-only} is false (dev mode),
 * and no private, loopback or link-local address unless listed in {@code herald.channel.allowed-destinations}
 * (comma-separated CIDR blocks, addresses or exact host names).
 */
@ApplicationScoped
public class Destinations {
    @Inject
    @ConfigProperty(name = "herald.channel.https-only", defaultValue = "true")
    boolean httpsOnly;

    @Inject
    @ConfigProperty(name = "herald.channel.allowed-destinations", defaultValue = " ")
    String allowed;

    private volatile DestinationGuard guard;
    private volatile GuardedHttp http;

    /** The one client for these destinations: it connects only to addresses the guard approved. */
    public GuardedHttp http() {
        GuardedHttp current = http;
        if (current == null) {
            synchronized (this) {
                if (http == null) {
                    http = new GuardedHttp(this::guard);
                }
                current = http;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (http == null) {
            return;
        }
        try {
            http.close();
        } catch (IOException e) {
            Logger.getLogger(Destinations.class.getName())
                    .log(Level.WARNING, "Closing the HTTP client for webhooks and push failed", e);
        }
    }

    public DestinationGuard guard() {
        DestinationGuard current = guard;
        if (current == null) {
            List<String> entries = Arrays.stream(allowed.split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList();
            current = new DestinationGuard(httpsOnly, entries);
            guard = current;
        }
        return current;
    }
}
