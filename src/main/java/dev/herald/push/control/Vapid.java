package dev.herald.push.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application server's VAPID identity (RFC 8292): a P-256 key pair and a contact URI, which sign the
 * {@code Authorization} header of every push request. Browsers subscribe with the public key as their
 * {@code applicationServerKey}, and push services accept only requests signed with its private key. Tokens are reused
 * per push service until about an hour before they expire.
 */
public final class Vapid {
    static final Duration LIFETIME = Duration.ofHours(12);
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofHours(1);

    /** One token per push service origin; a handful in practice, cleared if ever it grows past this. */
    private static final int MAX_CACHED = 64;

    private static final String ALGORITHM = "SHA256withECDSAinP1363Format";
    private static final String HEADER =
            P256.encode("{\"typ\":\"JWT\",\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8));

    private final ECPublicKey publicKey;
    private final ECPrivateKey privateKey;
    private final String subject;
    private final String encodedPublicKey;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();

    private record Token(String jwt, Instant expires) {}

    /**
     * The identity from configured keys, checked to belong together.
     *
     * @param publicKey base64url of the 65-byte uncompressed public point, as browsers take it
     * @param privateKey base64url of the 32-byte private scalar
     * @param subject a {@code mailto:} or {@code https:} URI where the push service can reach the operator
     * @throws IllegalArgumentException if a key is malformed, the keys do not belong together, or the subject is not
     *     such a URI
     */
    public Vapid(String publicKey, String privateKey, String subject) {
        this.publicKey = P256.publicKey(P256.decode(publicKey, "the VAPID public key"), "the VAPID public key");
        this.privateKey = P256.privateKey(P256.decode(privateKey, "the VAPID private key"), "the VAPID private key");
        this.subject = checkSubject(subject);
        this.encodedPublicKey = P256.encode(P256.point(this.publicKey));
        if (!matches(this.publicKey, this.privateKey)) {
            throw new IllegalArgumentException("the VAPID private key does not match the VAPID public key");
        }
    }

    /** A fresh key pair, for dev mode; {@link #publicKey()} and {@link #privateKey()} tell it to configure. */
    public static Vapid generate(String subject) {
        KeyPair pair = P256.generate();
        return new Vapid(
                P256.encode(P256.point((ECPublicKey) pair.getPublic())),
                P256.encode(P256.scalar((ECPrivateKey) pair.getPrivate())),
                subject);
    }

    /** The public key as base64url without padding: the {@code applicationServerKey} for browsers. */
    public String publicKey() {
        return encodedPublicKey;
    }

    /** The private key as base64url without padding, to store in configuration. */
    public String privateKey() {
        return P256.encode(P256.scalar(privateKey));
    }

    /** The {@code Authorization} header for a push request to {@code endpoint}: {@code vapid t=<JWT>, k=<key>}. */
    public String authorization(URI endpoint, Instant now) {
        String audience = audience(endpoint);
        if (tokens.size() >= MAX_CACHED) {
            tokens.clear();
        }
        Token token = tokens.compute(
                audience,
                (aud, cached) -> cached != null && now.isBefore(cached.expires().minus(RENEW_BEFORE_EXPIRY))
                        ? cached
                        : sign(aud, now.plus(LIFETIME)));
        return "vapid t=" + token.jwt() + ", k=" + encodedPublicKey;
    }

    /** The origin of the push service: {@code scheme://host}, with the port only if given and not the default. */
    static String audience(URI endpoint) {
        String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("a push endpoint must be an absolute http(s) URL with a host");
        }
        int port = endpoint.getPort();
        boolean defaultPort =
                port == -1 || (port == 443 && scheme.equals("https")) || (port == 80 && scheme.equals("http"));
        return scheme + "://" + endpoint.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private Token sign(String audience, Instant expires) {
        String claims = "{\"aud\":\"" + json(audience) + "\",\"exp\":" + expires.getEpochSecond() + ",\"sub\":\""
                + json(subject) + "\"}";
        String signingInput = HEADER + "." + P256.encode(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature ecdsa = Signature.getInstance(ALGORITHM);
            ecdsa.initSign(privateKey);
            ecdsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return new Token(signingInput + "." + P256.encode(ecdsa.sign()), expires);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a VAPID token", e);
        }
    }

    private static boolean matches(ECPublicKey publicKey, ECPrivateKey privateKey) {
        byte[] probe = "herald vapid key check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot check the VAPID key pair", e);
        }
    }

    private static String checkSubject(String subject) {
        if (subject == null) {
            throw new IllegalArgumentException("the VAPID subject is missing: give a mailto: or https: URI");
        }
        try {
            URI uri = new URI(subject);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean mail =
                    scheme.equals("mailto") && uri.getSchemeSpecificPart().contains("@");
            boolean web = scheme.equals("https") && uri.getHost() != null;
            if (mail || web) {
                return subject;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("the VAPID subject must be a mailto: or https: URI, got " + subject);
    }

    /** Escapes a string for a JSON string literal: a safety net, since a valid URI holds nothing to escape. */
    private static String json(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
