package dev.herald.push.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.testing.WebPushDecryptor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class WebPushCipherTest {
    // RFC 8291 Appendix A
    static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
    static final String AS_PUBLIC =
            "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    static final String UA_PUBLIC =
            "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";
    static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
    static final String BODY =
            "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6"
                    + "TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    static KeyPair pair(String publicKey, String privateKey) {
        return new KeyPair(
                P256.publicKey(P256.decode(publicKey, "public"), "public"),
                P256.privateKey(P256.decode(privateKey, "private"), "private"));
    }

    @Test
    void theRfc8291ExampleEncryptsByteForByte() {
        byte[] body = WebPushCipher.encrypt(
                UA_PUBLIC,
                AUTH,
                PLAINTEXT.getBytes(StandardCharsets.UTF_8),
                pair(AS_PUBLIC, AS_PRIVATE),
                P256.decode(SALT, "salt"));

        assertThat(P256.encode(body)).isEqualTo(BODY);
    }

    @Test
    void theRfc8291ExampleDecryptsWithTheBrowsersKeys() {
        byte[] plaintext = WebPushDecryptor.decrypt(
                pair(UA_PUBLIC, UA_PRIVATE), P256.decode(AUTH, "auth"), P256.decode(BODY, "body"));

        assertThat(new String(plaintext, StandardCharsets.UTF_8)).isEqualTo(PLAINTEXT);
    }

    @Test
    void aMessageComesBackWholeForTheSubscriptionItWasEncryptedFor() {
        WebPushDecryptor.Subscription subscription = WebPushDecryptor.subscription();
        byte[] plaintext = "{\"title\":\"Ana ❤ “x”\"}".getBytes(StandardCharsets.UTF_8);

        byte[] body = WebPushCipher.encrypt(subscription.p256dh(), subscription.authSecret(), plaintext);

        assertThat(subscription.decrypt(body)).isEqualTo(plaintext);
        ByteBuffer header = ByteBuffer.wrap(body, 16, 5);
        assertThat(header.getInt()).isEqualTo(4096);
        assertThat(header.get()).isEqualTo((byte) 65);
        assertThat(body.length).isEqualTo(86 + plaintext.length + 1 + 16);
    }

    @Test
    void everyMessageHasItsOwnSaltAndKey() {
        WebPushDecryptor.Subscription subscription = WebPushDecryptor.subscription();
        byte[] plaintext = "same".getBytes(StandardCharsets.UTF_8);

        byte[] first = WebPushCipher.encrypt(subscription.p256dh(), subscription.authSecret(), plaintext);
        byte[] second = WebPushCipher.encrypt(subscription.p256dh(), subscription.authSecret(), plaintext);

        assertThat(Arrays.copyOf(first, 16)).isNotEqualTo(Arrays.copyOf(second, 16));
        assertThat(Arrays.copyOfRange(first, 21, 86)).isNotEqualTo(Arrays.copyOfRange(second, 21, 86));
        assertThat(subscription.decrypt(second)).isEqualTo(plaintext);
    }

    @Test
    void anotherSubscriptionCannotRead() {
        WebPushDecryptor.Subscription subscription = WebPushDecryptor.subscription();
        WebPushDecryptor.Subscription other = WebPushDecryptor.subscription();

        byte[] body = WebPushCipher.encrypt(subscription.p256dh(), subscription.authSecret(), new byte[] {1, 2, 3});

        assertThatThrownBy(() -> other.decrypt(body)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebPushDecryptor.decrypt(subscription.keys(), other.auth(), body))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLargestMessageFillsA4096ByteBody() {
        WebPushDecryptor.Subscription subscription = WebPushDecryptor.subscription();
        byte[] plaintext = new byte[WebPushCipher.MAX_PLAINTEXT];
        Arrays.fill(plaintext, (byte) 'x');

        byte[] body = WebPushCipher.encrypt(subscription.p256dh(), subscription.authSecret(), plaintext);

        assertThat(WebPushCipher.MAX_PLAINTEXT).isEqualTo(3993);
        assertThat(body.length).isEqualTo(4096);
        assertThat(subscription.decrypt(body)).isEqualTo(plaintext);
        assertThat(subscription.decrypt(
                        WebPushCipher.encrypt(subscription.p256dh(), subscription.authSecret(), new byte[0])))
                .isEqualTo(new byte[0]);
    }

    @Test
    void paddedBase64urlKeysAreAccepted() {
        WebPushDecryptor.Subscription subscription = WebPushDecryptor.subscription();

        byte[] body = WebPushCipher.encrypt(subscription.p256dh() + "=", subscription.authSecret() + "==", new byte[1]);

        assertThat(subscription.decrypt(body)).isEqualTo(new byte[1]);
    }

    @Test
    void malformedSubscriptionsAndOversizedMessagesAreRefused() {
        WebPushDecryptor.Subscription subscription = WebPushDecryptor.subscription();
        byte[] point = P256.decode(subscription.p256dh(), "p256dh");
        byte[] offCurve = point.clone();
        offCurve[64] ^= 1;
        byte[] compressedMarker = point.clone();
        compressedMarker[0] = 0x03;
        String auth = subscription.authSecret();

        assertThatThrownBy(() -> WebPushCipher.encrypt(P256.encode(offCurve), auth, new byte[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p256dh is not a point on the P-256 curve");
        assertThatThrownBy(() -> WebPushCipher.encrypt(P256.encode(Arrays.copyOf(point, 64)), auth, new byte[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p256dh must be a 65-byte uncompressed P-256 point");
        assertThatThrownBy(() -> WebPushCipher.encrypt(P256.encode(compressedMarker), auth, new byte[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p256dh must be a 65-byte uncompressed P-256 point");
        assertThatThrownBy(() -> WebPushCipher.encrypt("not base64url!", auth, new byte[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p256dh is not base64url");
        assertThatThrownBy(() -> WebPushCipher.encrypt(subscription.p256dh(), P256.encode(new byte[15]), new byte[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("auth must be 16 bytes");
        assertThatThrownBy(() -> WebPushCipher.encrypt(subscription.p256dh(), auth, new byte[3994]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 3993 bytes");
        assertThatThrownBy(() -> WebPushCipher.encrypt(null, auth, new byte[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p256dh is missing");
    }

    @Test
    void standardBase64IsRefusedWithAClearMessage() {
        byte[] point = P256.decode(UA_PUBLIC, "p256dh");

        assertThatThrownBy(() -> WebPushCipher.encrypt(Base64.getEncoder().encodeToString(point), AUTH, new byte[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p256dh is not base64url");
    }
}
