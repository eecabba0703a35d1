package dev.herald.link.control;

import dev.herald.platform.control.SignedTokens;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The links email and push lead through: {@code {public-url}/api/open/{token}}, where the token names the notification
 * and its recipient and is signed with HMAC-SHA256 under {@code herald.link.secret}. Following one marks the
 * notification read and redirects to where it leads. The target is not in the token (it is the notification's own
 * link, checked again), so a token can never send anyone elsewhere; it expires after {@code herald.link.ttl-days}.
 * Without a configured secret each start draws a random one (links then work only on this instance, until it
 * restarts): set it in production, the same on every instance.
 */
@ApplicationScoped
public class OpenLinks {
    private static final Logger LOG = Logger.getLogger(OpenLinks.class.getName());
    /** What an open token's text starts with: its purpose and version. */
    private static final String PURPOSE = "open1";

    /** The notification a valid token opens, for its recipient. */
    public record Opening(String notificationId, String recipient) {}

    @Inject
    @ConfigProperty(name = "herald.link.secret", defaultValue = " ")
    String configured;

    @Inject
    @ConfigProperty(name = "herald.link.ttl-days", defaultValue = "90")
    int ttlDays;

    @Inject
    @ConfigProperty(name = "herald.public-url", defaultValue = "http://localhost:9080")
    String publicUrl;

    private SignedTokens tokens;

    @PostConstruct
    void init() {
        if (configured.isBlank()) {
            tokens = SignedTokens.random();
            LOG.warning("HERALD_LINK_SECRET is not set: links in emails and pushes work only on this instance and"
                    + " until it restarts");
        } else {
            tokens = SignedTokens.under(configured);
        }
    }

    /** The link that opens notification {@code id} of {@code recipient}, valid for the configured days from now. */
    public String url(String id, String recipient, Instant now) {
        long expires = now.plus(Duration.ofDays(ttlDays)).getEpochSecond();
        return publicUrl.replaceAll("/+$", "") + "/api/open/"
                + tokens.sign(PURPOSE + "\n" + id + "\n" + recipient + "\n" + expires);
    }

    /** What a token opens, if Herald signed it and it has not expired. */
    public Optional<Opening> read(String token, Instant now) {
        return tokens.read(token).flatMap(text -> {
            String[] parts = text.split("\n", -1);
            if (parts.length != 4 || !PURPOSE.equals(parts[0])) {
                return Optional.empty();
            }
            try {
                return Long.parseLong(parts[3]) < now.getEpochSecond()
                        ? Optional.empty()
                        : Optional.of(new Opening(parts[1], parts[2]));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** Where the inbox shows notification {@code id}: for one whose link is gone or no longer allowed. */
    public String inbox(String id) {
        return publicUrl.replaceAll("/+$", "") + "/?notification=" + id;
    }
}
