package dev.herald.devmode.control;

import dev.herald.platform.control.JsonFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** Signs MP JWT tokens (RS256) with a local key: for dev mode and for tests, never for production sign-in. */
public final class TokenSigner {
    private final PrivateKey key;
    private final String issuer;
    private final String audience;

    public TokenSigner(PrivateKey key, String issuer, String audience) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
    }

    public String sign(String subject, Collection<String> groups, Instant issuedAt, Instant expiresAt) {
        return sign(subject, subject, groups, issuedAt, expiresAt);
    }

    /** A token whose {@code upn} (the name an identity provider shows) differs from its subject. */
    public String sign(String subject, String upn, Collection<String> groups, Instant issuedAt, Instant expiresAt) {
        return sign(subject, upn, groups, issuedAt, expiresAt, Map.of());
    }

    /** A token with more string claims, such as OIDC's {@code email} and {@code phone_number}. */
    public String sign(
            String subject,
            String upn,
            Collection<String> groups,
            Instant issuedAt,
            Instant expiresAt,
            Map<String, String> extraClaims) {
        JsonObject header = JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("alg", "RS256")
                .add("typ", "JWT")
                .build();
        JsonObjectBuilder claims = JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("iss", issuer)
                .add("aud", audience)
                .add("sub", subject)
                .add("upn", upn)
                .add("groups", JsonFactory.PROVIDER.createArrayBuilder(groups))
                .add("jti", UUID.randomUUID().toString())
                .add("iat", issuedAt.getEpochSecond())
                .add("exp", expiresAt.getEpochSecond());
        extraClaims.forEach(claims::add);
        return sign(header, claims.build());
    }

    /**
     * Any claims under any header, signed RS256 with this key: for tokens shaped as an identity provider issues them
     * (the header's {@code alg} must say RS256). The issuer and audience given to this signer are not added.
     */
    public String sign(JsonObject header, JsonObject claims) {
        String signingInput = base64(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + base64(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
