package dev.herald.push.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Herald's VAPID key pair from {@code herald.push.vapid-public-key} / {@code -private-key} (base64url, as browsers and
 * the usual key generators print them) and {@code herald.push.vapid-subject}; web push is off without them. A key
 * pair that does not match stops the start with the reason.
 */
@ApplicationScoped
public class VapidKeys {
    @Inject
    @ConfigProperty(name = "herald.push.vapid-public-key", defaultValue = " ")
    String publicKey;

    @Inject
    @ConfigProperty(name = "herald.push.vapid-private-key", defaultValue = " ")
    String privateKey;

    @Inject
    @ConfigProperty(name = "herald.push.vapid-subject", defaultValue = "mailto:admin@localhost")
    String subject;

    private Vapid vapid;

    @PostConstruct
    void load() {
        if (!publicKey.isBlank() && !privateKey.isBlank()) {
            vapid = new Vapid(publicKey.strip(), privateKey.strip(), subject.strip());
        }
    }

    public Optional<Vapid> vapid() {
        return Optional.ofNullable(vapid);
    }
}
