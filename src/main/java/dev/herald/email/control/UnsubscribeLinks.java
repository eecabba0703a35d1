package dev.herald.email.control;

import dev.herald.platform.control.SignedTokens;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Signed one-click unsubscribe links (RFC 8058): the token names the user and the category whose email it turns off
 * ({@code *}: all email), signed with HMAC-SHA256 under {@code herald.email.unsubscribe-secret}, so nobody can
 * unsubscribe someone else. Without a configured secret each start draws a random one (old links then stop working,
 * and instances do not share it): set it in production.
 */
@ApplicationScoped
public class UnsubscribeLinks {
    private static final Logger LOG = Logger.getLogger(UnsubscribeLinks.class.getName());

    /** Whose email of which category a valid token turns off. */
    public record Unsubscribe(String user, String category) {
        public boolean all() {
            return ALL.equals(category);
        }
    }

    public static final String ALL = "*";

    @Inject
    @ConfigProperty(name = "herald.email.unsubscribe-secret", defaultValue = " ")
    String configured;

    @Inject
    @ConfigProperty(name = "herald.public-url", defaultValue = "http://localhost:9080")
    String publicUrl;

    private SignedTokens tokens;

    @PostConstruct
    void init() {
        if (configured.isBlank()) {
            tokens = SignedTokens.random();
            LOG.warning("HERALD_EMAIL_UNSUBSCRIBE_SECRET is not set: unsubscribe links work only until this instance"
                    + " restarts");
        } else {
            tokens = SignedTokens.under(configured);
        }
    }

    /** The link that unsubscribes {@code user} from {@code category}'s email ({@link #ALL}: from all email). */
    public String link(String user, String category) {
        return base() + "/api/unsubscribe/" + tokens.sign(user + "\n" + category);
    }

    /** Where the inbox is. */
    public String inbox() {
        return base() + "/";
    }

    /** What a token says, if it is one of ours. */
    public Optional<Unsubscribe> read(String token) {
        return tokens.read(token).flatMap(text -> {
            String[] parts = text.split("\n", -1);
            return parts.length == 2 ? Optional.of(new Unsubscribe(parts[0], parts[1])) : Optional.empty();
        });
    }

    private String base() {
        return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }
}
