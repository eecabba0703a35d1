package dev.herald.push.control;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a push message for one browser subscription (RFC 8291, "aes128gcm" content coding of RFC 8188), so only
 * that browser can read it and the push service in between sees ciphertext. Each message gets a fresh ephemeral key
 * pair and salt; the result is the whole request body, sent with {@code Content-Encoding: aes128gcm}. Pure JDK.
 */
public final class WebPushCipher {
    /** The record size announced in the header, 4096 as in RFC 8291's example: more than our one record needs. */
    static final int RECORD_SIZE = 4096;

    /** salt (16) || rs (4) || idlen (1) || keyid = the ephemeral public key (65). */
    static final int HEADER_LENGTH = 16 + 4 + 1 + P256.POINT_LENGTH;

    /**
     * The largest plaintext sent: 4096 - 86 header - 1 padding delimiter - 16 GCM tag = 3993 bytes. Push services need
     * only accept bodies of 4096 bytes (RFC 8030 section 7.2, RFC 8291 section 4), and that limit, header included,
     * is tighter than the record size (which would allow 4096 - 1 - 16 = 4079 bytes of plaintext).
     */
    public static final int MAX_PLAINTEXT = RECORD_SIZE - HEADER_LENGTH - 1 - 16;

    static final int SALT_LENGTH = 16;
    static final int AUTH_LENGTH = 16;

    private static final int TAG_BITS = 128;
    private static final byte LAST_RECORD = 0x02;
    private static final byte[] KEY_INFO = "WebPush: info\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CEK_INFO = "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONCE_INFO = "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebPushCipher() {}

    /**
     * The request body carrying {@code plaintext} to the subscription with these keys.
     *
     * @param p256dh the subscription's {@code p256dh} key: base64url of a 65-byte uncompressed P-256 point
     * @param auth the subscription's {@code auth} secret: base64url of 16 bytes
     * @param plaintext at most {@link #MAX_PLAINTEXT} bytes
     * @throws IllegalArgumentException if a key is malformed or the plaintext is too large
     */
    public static byte[] encrypt(String p256dh, String auth, byte[] plaintext) {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        return encrypt(p256dh, auth, plaintext, P256.generate(), salt);
    }

    /** Checks a subscription's keys as {@link #encrypt} will use them; throws IllegalArgumentException saying why. */
    public static void checkKeys(String p256dh, String auth) {
        P256.publicKey(P256.decode(p256dh, "p256dh"), "p256dh");
        if (P256.decode(auth, "auth").length != AUTH_LENGTH) {
            throw new IllegalArgumentException("auth must be 16 bytes");
        }
    }

    /** {@link #encrypt(String, String, byte[])} with a given ephemeral key pair and salt, for known-answer tests. */
    static byte[] encrypt(String p256dh, String auth, byte[] plaintext, KeyPair ephemeral, byte[] salt) {
        byte[] uaPublic = P256.decode(p256dh, "p256dh");
        ECPublicKey uaKey = P256.publicKey(uaPublic, "p256dh");
        byte[] authSecret = P256.decode(auth, "auth");
        if (authSecret.length != AUTH_LENGTH) {
            throw new IllegalArgumentException("auth must be 16 bytes, got " + authSecret.length);
        }
        if (plaintext.length > MAX_PLAINTEXT) {
            throw new IllegalArgumentException(
                    "a push message holds at most " + MAX_PLAINTEXT + " bytes, got " + plaintext.length);
        }
        if (salt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("the salt must be 16 bytes");
        }
        byte[] asPublic = P256.point((ECPublicKey) ephemeral.getPublic());
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(ephemeral.getPrivate());
            agreement.doPhase(uaKey, true);
            byte[] ecdhSecret = agreement.generateSecret();

            byte[] ikm = expand(extract(authSecret, ecdhSecret), concat(KEY_INFO, uaPublic, asPublic), 32);
            byte[] prk = extract(salt, ikm);
            byte[] cek = expand(prk, CEK_INFO, 16);
            byte[] nonce = expand(prk, NONCE_INFO, 12);

            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] record = Arrays.copyOf(plaintext, plaintext.length + 1);
            record[plaintext.length] = LAST_RECORD;
            byte[] ciphertext = aes.doFinal(record);

            return ByteBuffer.allocate(HEADER_LENGTH + ciphertext.length)
                    .put(salt)
                    .putInt(RECORD_SIZE)
                    .put((byte) asPublic.length)
                    .put(asPublic)
                    .put(ciphertext)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a push message", e);
        }
    }

    /** HKDF-Extract with HMAC-SHA256 (RFC 5869 section 2.2). */
    private static byte[] extract(byte[] salt, byte[] ikm) {
        return hmac(salt).doFinal(ikm);
    }

    /** HKDF-Expand with HMAC-SHA256 (RFC 5869 section 2.3). */
    private static byte[] expand(byte[] prk, byte[] info, int length) {
        Mac mac = hmac(prk);
        byte[] okm = new byte[length];
        byte[] block = new byte[0];
        for (int done = 0, counter = 1; done < length; done += block.length, counter++) {
            mac.update(block);
            mac.update(info);
            mac.update((byte) counter);
            block = mac.doFinal();
            System.arraycopy(block, 0, okm, done, Math.min(block.length, length - done));
        }
        return okm;
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer buffer =
                ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) {
            buffer.put(part);
        }
        return buffer.array();
    }
}
