package dev.herald.live.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which browser origins may open a live socket: the same origin as Herald itself, plus those listed in
 * {@code herald.live.allowed-origins}. A request without an Origin header comes from no browser page and is allowed.
 */
@ApplicationScoped
public class OriginPolicy {
    @Inject
    @ConfigProperty(name = "herald.live.allowed-origins")
    Optional<String> allowed;

    public boolean allows(String origin, String scheme, String host) {
        if (origin == null) {
            return true;
        }
        List<String> listed = allowed.map(list -> Arrays.stream(list.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList())
                .orElse(List.of());
        if (listed.contains("*") || listed.contains(origin)) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            return host != null
                    && host.equalsIgnoreCase(uri.getRawAuthority())
                    && scheme.equalsIgnoreCase(uri.getScheme());
        } catch (IllegalArgumentException e) {
            // an Origin that is not a URL is not an allowed origin
            return false;
        }
    }
}
