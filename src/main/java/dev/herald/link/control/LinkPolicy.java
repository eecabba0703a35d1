package dev.herald.link.control;

import dev.herald.link.entity.LinkRules;
import dev.herald.platform.control.CorsPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where links may lead, from the settings: a type's link that is a path is on {@code herald.link.base-url} (the
 * product; default Herald's public URL), an absolute one must be on an origin of {@code herald.link.allowed-origins}
 * (default: the origins allowed to embed Herald, {@code herald.cors.allowed-origins}).
 */
@ApplicationScoped
public class LinkPolicy {
    @Inject
    @ConfigProperty(name = "herald.public-url", defaultValue = "http://localhost:9080")
    String publicUrl;

    @Inject
    @ConfigProperty(name = "herald.link.base-url")
    Optional<String> base;

    @Inject
    @ConfigProperty(name = "herald.link.allowed-origins")
    Optional<String> origins;

    @Inject
    CorsPolicy cors;

    public LinkRules rules() {
        String product = base.filter(b -> !b.isBlank()).orElse(publicUrl);
        if (origins.isPresent() && !origins.get().isBlank()) {
            CorsPolicy listed = new CorsPolicy(
                    Arrays.stream(origins.get().split(",")).map(String::trim).toList());
            return new LinkRules(product, listed::allows);
        }
        return new LinkRules(product, cors::allows);
    }
}
