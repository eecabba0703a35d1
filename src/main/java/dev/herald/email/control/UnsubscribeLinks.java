package dev.herald.email.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

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

    private byte[] key;

    @PostConstruct
    void init() {
        if (configured.isBlank()) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
            LOG.warning("HERALD_EMAIL_UNSUBSCRIBE_SECRET is not set: unsubscribe links work only until this instance"
                    + " restarts");
        } else {
            key = configured.strip().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The link that unsubscribes {@code user} from {@code category}'s email ({@link #ALL}: from all email). */
    public String link(String user, String category) {
        String payload = ENCODE.encodeToString((user + "\n" + category).getBytes(StandardCharsets.UTF_8));
        return base() + "/api/unsubscribe/" + payload + "." + ENCODE.encodeToString(mac(payload));
    }

    /** Where the inbox is. */
    public String inbox() {
        return base() + "/";
    }

    /** What a token says, if it is one of ours. */
    public Optional<Unsubscribe> read(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0 || token.length() > 2000) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        try {
            byte[] signature = DECODE.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(payload))) {
                return Optional.empty();
            }
            String[] parts = new String(DECODE.decode(payload), StandardCharsets.UTF_8).split("\n", -1);
            return parts.length == 2 ? Optional.of(new Unsubscribe(parts[0], parts[1])) : Optional.empty();
        } catch (IllegalArgumentException notBase64) {
            // a mangled link is an unknown link: the caller answers 404
            return Optional.empty();
        }
    }

    private String base() {
        return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
