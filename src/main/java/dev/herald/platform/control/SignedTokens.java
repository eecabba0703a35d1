package dev.herald.platform.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens that carry a short text and prove Herald wrote it: {@code base64url(text) "." base64url(HMAC-SHA256)}. Each use
 * has its own secret, and its text starts with its own purpose, so a token of one kind is never read as another.
 */
public final class SignedTokens {
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();
    private static final int MAX_LENGTH = 2000;

    private final byte[] key;

    private SignedTokens(byte[] key) {
        this.key = key;
    }

    /** Tokens under {@code secret}. */
    public static SignedTokens under(String secret) {
        return new SignedTokens(secret.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** Tokens under a secret drawn now: they stop working when the instance restarts, and no other reads them. */
    public static SignedTokens random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new SignedTokens(key);
    }

    public String sign(String text) {
        String payload = ENCODE.encodeToString(text.getBytes(StandardCharsets.UTF_8));
        return payload + "." + ENCODE.encodeToString(mac(payload));
    }

    /** The text a token carries, if Herald signed it under this secret (compared in constant time). */
    public Optional<String> read(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0 || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        try {
            byte[] signature = DECODE.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(payload))) {
                return Optional.empty();
            }
            return Optional.of(new String(DECODE.decode(payload), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64) {
            // a mangled token is an unknown token
            return Optional.empty();
        }
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
