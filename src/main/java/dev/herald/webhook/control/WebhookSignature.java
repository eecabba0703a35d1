package dev.herald.webhook.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook deliveries the way the Standard Webhooks specification (standardwebhooks.com) says, so that a receiver
 * can check them with any of that specification's libraries. A secret is {@code whsec_} followed by the standard
 * base64 of its key bytes; the {@code webhook-signature} header holds {@code v1,} and the base64 HMAC-SHA256 of
 * {@code msgId.timestamp.body}, once for each secret that is still valid, separated by a space, so that a receiver
 * keeps accepting deliveries while a secret is being rotated.
 */
public final class WebhookSignature {
    /** What every secret starts with. */
    public static final String SECRET_PREFIX = "whsec_";

    private static final String VERSION = "v1";
    private static final String HMAC = "HmacSHA256";
    private static final int NEW_KEY_BYTES = 32;
    private static final int MIN_KEY_BYTES = 24;
    private static final int MAX_KEY_BYTES = 64;
    private static final int MAX_TIMESTAMP_DIGITS = 15;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {}

    /** A new secret: {@code whsec_} and the base64 of 32 random bytes. */
    public static String newSecret() {
        byte[] key = new byte[NEW_KEY_BYTES];
        RANDOM.nextBytes(key);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * The value of the {@code webhook-signature} header for one delivery: one {@code v1,} entry for each secret, in the
     * order given.
     *
     * @throws IllegalArgumentException when there is no secret or one is malformed
     */
    public static String sign(String msgId, long timestampSeconds, String body, List<String> secrets) {
        Objects.requireNonNull(msgId, "msgId");
        Objects.requireNonNull(body, "body");
        if (secrets == null || secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one webhook secret is needed to sign");
        }
        byte[] content = content(msgId, timestampSeconds, body);
        List<String> entries = new ArrayList<>(secrets.size());
        for (String secret : secrets) {
            entries.add(VERSION + "," + Base64.getEncoder().encodeToString(hmac(key(secret), content)));
        }
        return String.join(" ", entries);
    }

    /**
     * Whether a delivery carries a valid signature by {@code secret}: the timestamp is a number of seconds no further
     * than {@code tolerance} from {@code now}, and one of the {@code v1} entries of the header matches (compared in
     * constant time). Entries of other versions are ignored. Any missing or malformed header makes it false.
     *
     * @throws IllegalArgumentException when the secret is malformed
     */
    public static boolean verify(
            String msgId,
            String timestamp,
            String body,
            String signatureHeader,
            String secret,
            Instant now,
            Duration tolerance) {
        byte[] key = key(secret);
        if (msgId == null || timestamp == null || body == null || signatureHeader == null) {
            return false;
        }
        if (timestamp.isEmpty() || timestamp.length() > MAX_TIMESTAMP_DIGITS || !digitsOnly(timestamp)) {
            return false;
        }
        long seconds = Long.parseLong(timestamp);
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.getSeconds()) {
            return false;
        }
        byte[] expected = hmac(key, content(msgId, seconds, body));
        boolean matched = false;
        for (String entry : signatureHeader.trim().split(" +")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !VERSION.equals(entry.substring(0, comma))) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(entry.substring(comma + 1));
            } catch (IllegalArgumentException notBase64) {
                // not a signature this endpoint could have made: try the next one
                continue;
            }
            matched |= MessageDigest.isEqual(expected, given);
        }
        return matched;
    }

    private static byte[] content(String msgId, long timestampSeconds, String body) {
        return (msgId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
    }

    /** The key bytes of a secret; the message never repeats the secret. */
    private static byte[] key(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException("a webhook secret must start with " + SECRET_PREFIX);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("a webhook secret must be " + SECRET_PREFIX + " and standard base64");
        }
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "a webhook secret must hold " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES + " bytes");
        }
        return key;
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static boolean digitsOnly(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
