package dev.herald.devmode.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Dev-mode sign-in: mints tokens with a local key so a developer can try Herald without an identity provider. Off
 * unless {@code herald.dev.tokens.enabled=true} and a signing key is configured (the embedded run command does both).
 */
@ApplicationScoped
public class DevTokens {
    public static final Duration MAX_TTL = Duration.ofHours(12);

    @Inject
    @ConfigProperty(name = "herald.dev.tokens.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "herald.dev.tokens.signing-key-location")
    Optional<String> keyLocation;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "herald-dev")
    String issuer;

    @Inject
    @ConfigProperty(name = "mp.jwt.verify.audiences", defaultValue = "herald")
    String audience;

    /** The verifier's time, not Herald's (which tests move forward): a token must be valid where it is checked. */
    private final Clock clock = Clock.systemUTC();

    /**
     * Herald's own time, which the dev clock may have moved ahead: live sessions end when it passes the token's expiry,
     * so a dev token lasts its time from whichever of the two is later.
     */
    @Inject
    Clock herald;

    private TokenSigner signer;

    public boolean enabled() {
        return enabled && keyLocation.filter(s -> !s.isBlank()).isPresent();
    }

    public synchronized String mint(String subject, Collection<String> groups, Duration ttl) {
        if (!enabled()) {
            throw new IllegalStateException("dev tokens are disabled");
        }
        if (signer == null) {
            try {
                signer = new TokenSigner(
                        Pem.readPrivateKey(Path.of(keyLocation.get())), issuer, audience.split(",")[0].trim());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Instant now = clock.instant();
        Instant heraldNow = herald.instant();
        return signer.sign(subject, groups, now, (heraldNow.isAfter(now) ? heraldNow : now).plus(ttl));
    }
}
