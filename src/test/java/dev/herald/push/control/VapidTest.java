package dev.herald.push.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.testing.WebPushDecryptor;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class VapidTest {
    static final String SUBJECT = "mailto:ops@herald.example";
    static final URI ENDPOINT = URI.create("https://fcm.googleapis.com/fcm/send/abc-123?x=1");

    static String claims(String authorization) {
        String token = authorization.substring("vapid t=".length(), authorization.indexOf(", k="));
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    @Test
    void theAuthorizationHeaderVerifiesForThePushServicesOrigin() {
        Vapid vapid = Vapid.generate(SUBJECT);
        Instant now = Instant.now();

        String authorization = vapid.authorization(ENDPOINT, now);

        assertThat(authorization).startsWith("vapid t=").endsWith(", k=" + vapid.publicKey());
        assertThat(WebPushDecryptor.verifyVapid(authorization, "https://fcm.googleapis.com"))
                .isTrue();
        assertThat(WebPushDecryptor.verifyVapid(authorization, "https://updates.push.services.mozilla.com"))
                .isFalse();
        assertThat(claims(authorization))
                .isEqualTo("{\"aud\":\"https://fcm.googleapis.com\",\"exp\":"
                        + now.plus(Duration.ofHours(12)).getEpochSecond() + ",\"sub\":\"" + SUBJECT + "\"}");
    }

    @Test
    void theAudienceIsTheOriginWithAPortOnlyWhenItIsNotTheDefault() {
        assertThat(Vapid.audience(URI.create("https://Push.Example:8443/a/b?c")))
                .isEqualTo("https://push.example:8443");
        assertThat(Vapid.audience(URI.create("https://push.example:443/a"))).isEqualTo("https://push.example");
        assertThat(Vapid.audience(URI.create("http://localhost:9080/push/1"))).isEqualTo("http://localhost:9080");
        assertThatThrownBy(() -> Vapid.audience(URI.create("/relative/path")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("absolute http(s) URL");
        assertThatThrownBy(() -> Vapid.audience(URI.create("ftp://push.example/x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTokenIsReusedPerOriginUntilAnHourBeforeItExpires() {
        Vapid vapid = Vapid.generate(SUBJECT);
        Instant now = Instant.now();

        String first = vapid.authorization(ENDPOINT, now);

        assertThat(vapid.authorization(URI.create("https://fcm.googleapis.com/fcm/send/other"), now.plusSeconds(60)))
                .isEqualTo(first);
        assertThat(vapid.authorization(ENDPOINT, now.plus(Duration.ofHours(10))))
                .isEqualTo(first);
        assertThat(vapid.authorization(URI.create("https://web.push.apple.com/x"), now))
                .isNotEqualTo(first);
        String renewed = vapid.authorization(ENDPOINT, now.plus(Duration.ofHours(11)));
        assertThat(renewed).isNotEqualTo(first);
        assertThat(claims(renewed))
                .contains("\"exp\":" + now.plus(Duration.ofHours(23)).getEpochSecond());
    }

    @Test
    void anExpiredTokenDoesNotVerify() {
        Vapid vapid = Vapid.generate(SUBJECT);

        String authorization = vapid.authorization(ENDPOINT, Instant.now().minus(Duration.ofHours(13)));

        assertThat(WebPushDecryptor.verifyVapid(authorization, "https://fcm.googleapis.com"))
                .isFalse();
    }

    @Test
    void generatedKeysComeBackFromTheirStrings() {
        Vapid generated = Vapid.generate(SUBJECT);

        Vapid configured = new Vapid(generated.publicKey() + "=", generated.privateKey(), "https://herald.example/");

        assertThat(configured.publicKey()).isEqualTo(generated.publicKey());
        assertThat(configured.privateKey()).isEqualTo(generated.privateKey());
        assertThat(Base64.getUrlDecoder().decode(configured.publicKey()))
                .hasSize(65)
                .startsWith((byte) 4);
        assertThat(Base64.getUrlDecoder().decode(configured.privateKey())).hasSize(32);
        assertThat(generated.publicKey()).doesNotContain("=");
        assertThat(WebPushDecryptor.verifyVapid(
                        configured.authorization(ENDPOINT, Instant.now()), "https://fcm.googleapis.com"))
                .isTrue();
    }

    @Test
    void aKnownKeyPairIsAccepted() {
        Vapid vapid = new Vapid(WebPushCipherTest.AS_PUBLIC, WebPushCipherTest.AS_PRIVATE, SUBJECT);

        assertThat(vapid.publicKey()).isEqualTo(WebPushCipherTest.AS_PUBLIC);
        assertThat(vapid.privateKey()).isEqualTo(WebPushCipherTest.AS_PRIVATE);
    }

    @Test
    void keysThatDoNotBelongTogetherAreRefused() {
        Vapid one = Vapid.generate(SUBJECT);
        Vapid other = Vapid.generate(SUBJECT);

        assertThatThrownBy(() -> new Vapid(one.publicKey(), other.privateKey(), SUBJECT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("private key does not match the VAPID public key");
    }

    @Test
    void malformedKeysAndSubjectsAreRefused() {
        Vapid vapid = Vapid.generate(SUBJECT);

        assertThatThrownBy(() -> new Vapid(vapid.privateKey(), vapid.privateKey(), SUBJECT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the VAPID public key must be a 65-byte uncompressed P-256 point");
        assertThatThrownBy(() -> new Vapid(vapid.publicKey(), vapid.publicKey(), SUBJECT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the VAPID private key must be a 32-byte P-256 private scalar");
        assertThatThrownBy(() -> new Vapid(vapid.publicKey(), P256.encode(new byte[32]), SUBJECT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the VAPID private key must be a 32-byte P-256 private scalar");
        assertThatThrownBy(() -> new Vapid(vapid.publicKey(), vapid.privateKey(), "ops@herald.example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a mailto: or https: URI");
        assertThatThrownBy(() -> new Vapid(vapid.publicKey(), vapid.privateKey(), "http://herald.example"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a mailto: or https: URI");
        assertThatThrownBy(() -> new Vapid(vapid.publicKey(), vapid.privateKey(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject is missing");
    }
}
