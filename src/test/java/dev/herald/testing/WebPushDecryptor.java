package dev.herald.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The browser's side of Web Push, for tests: makes a subscription's keys, decrypts an "aes128gcm" body sent to it
 * (RFC 8291) and checks a VAPID {@code Authorization} header (RFC 8292) as a push service would. Written apart from
 * the production code (keys go through X.509 encodings, not curve coordinates) so the two check each other.
 */
public final class WebPushDecryptor {
    /** The DER prefix of an X.509 SubjectPublicKeyInfo for an uncompressed P-256 point. */
    private static final byte[] P256_SPKI_PREFIX =
            HexFormat.of().parseHex("3059301306072a8648ce3d020106082a8648ce3d030107034200");

    private static final Pattern AUDIENCE = Pattern.compile("\"aud\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern EXPIRY = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)");
    private static final Pattern SUBJECT = Pattern.compile("\"sub\"\\s*:\\s*\"((?:mailto|https):[^\"]+)\"");
    private static final Pattern ES256 = Pattern.compile("\"alg\"\\s*:\\s*\"ES256\"");

    private WebPushDecryptor() {}

    /** A browser's subscription keys: the pair and secret it keeps, and the strings it gives the application. */
    public record Subscription(KeyPair keys, byte[] auth, String p256dh, String authSecret) {
        public byte[] decrypt(byte[] body) {
            return WebPushDecryptor.decrypt(keys, auth, body);
        }
    }

    public static Subscription subscription() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            byte[] auth = new byte[16];
            new SecureRandom().nextBytes(auth);
            return new Subscription(keys, auth, base64(point(keys.getPublic())), base64(auth));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The plaintext of an "aes128gcm" push body of one record.
     *
     * @throws IllegalArgumentException if the body is malformed or does not decrypt with these keys
     */
    public static byte[] decrypt(KeyPair subscriber, byte[] auth, byte[] body) {
        if (body.length < 16 + 4 + 1) {
            throw new IllegalArgumentException("the body is shorter than an aes128gcm header");
        }
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        int recordSize = in.getInt();
        int idLength = Byte.toUnsignedInt(in.get());
        if (idLength != 65 || in.remaining() < idLength) {
            throw new IllegalArgumentException("the header's keyid is not a 65-byte P-256 point");
        }
        byte[] asPublic = new byte[idLength];
        in.get(asPublic);
        byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);
        if (ciphertext.length > recordSize || ciphertext.length < 17) {
            throw new IllegalArgumentException("the body is not a single record of at most rs = " + recordSize);
        }
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(subscriber.getPrivate());
            agreement.doPhase(publicKey(asPublic), true);
            byte[] ecdhSecret = agreement.generateSecret();
            byte[] keyInfo = concat(ascii("WebPush: info\0"), point(subscriber.getPublic()), asPublic);
            byte[] ikm = hkdf(auth, ecdhSecret, keyInfo, 32);
            byte[] cek = hkdf(salt, ikm, ascii("Content-Encoding: aes128gcm\0"), 16);
            byte[] nonce = hkdf(salt, ikm, ascii("Content-Encoding: nonce\0"), 12);
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
            return unpad(aes.doFinal(ciphertext));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the body does not decrypt with this subscription's keys", e);
        }
    }

    /**
     * Whether {@code authorizationHeader} is {@code vapid t=<JWT>, k=<key>} with an ES256 JWT signed by {@code k}, for
     * {@code expectedAudience}, unexpired, expiring within 24 hours, and naming a contact.
     */
    public static boolean verifyVapid(String authorizationHeader, String expectedAudience) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "vapid ", 0, 6)) {
            return false;
        }
        String token = null;
        String key = null;
        for (String parameter : authorizationHeader.substring(6).split(",")) {
            String[] nameValue = parameter.trim().split("=", 2);
            if (nameValue.length == 2 && nameValue[0].equals("t")) {
                token = nameValue[1];
            } else if (nameValue.length == 2 && nameValue[0].equals("k")) {
                key = nameValue[1];
            }
        }
        if (token == null || key == null) {
            return false;
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return false;
        }
        try {
            String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
            String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            Signature ecdsa = Signature.getInstance("SHA256withECDSAinP1363Format");
            ecdsa.initVerify(publicKey(Base64.getUrlDecoder().decode(key)));
            ecdsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!ES256.matcher(header).find()
                    || !ecdsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return false;
            }
            Matcher audience = AUDIENCE.matcher(claims);
            Matcher expiry = EXPIRY.matcher(claims);
            if (!audience.find() || !expiry.find() || !SUBJECT.matcher(claims).find()) {
                return false;
            }
            Instant expires = Instant.ofEpochSecond(Long.parseLong(expiry.group(1)));
            Instant now = Instant.now();
            return audience.group(1).equals(expectedAudience)
                    && expires.isAfter(now)
                    && !expires.isAfter(now.plus(Duration.ofHours(24)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] unpad(byte[] record) {
        int end = record.length - 1;
        while (end >= 0 && record[end] == 0) {
            end--;
        }
        if (end < 0 || record[end] != 0x02) {
            throw new IllegalArgumentException("the record does not end with the last-record delimiter 0x02");
        }
        return Arrays.copyOf(record, end);
    }

    private static PublicKey publicKey(byte[] point) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(concat(P256_SPKI_PREFIX, point)));
    }

    private static byte[] point(PublicKey key) {
        byte[] encoded = key.getEncoded();
        if (!Arrays.equals(encoded, 0, P256_SPKI_PREFIX.length, P256_SPKI_PREFIX, 0, P256_SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("not an uncompressed P-256 public key");
        }
        return Arrays.copyOfRange(encoded, P256_SPKI_PREFIX.length, encoded.length);
    }

    private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(info);
        mac.update((byte) 1);
        return Arrays.copyOf(mac.doFinal(), length);
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer out =
                ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        Arrays.stream(parts).forEach(out::put);
        return out.array();
    }

    private static byte[] ascii(String value) {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
