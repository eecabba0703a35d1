package dev.herald.channel.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The configured {@link DestinationGuard} for every call Herald makes to an address a user or admin gave (webhooks,
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
