package dev.herald.webhook.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSignatureTest {
    // the test vector of the Standard Webhooks specification and its libraries
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String MSG_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final String BODY = "{\"test\": 2432232314}";
    private static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private static final Instant SIGNED_AT = Instant.ofEpochSecond(TIMESTAMP);
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    @Test
    void signsLikeTheStandardWebhooksTestVector() {
        assertThat(WebhookSignature.sign(MSG_ID, TIMESTAMP, BODY, List.of(SECRET)))
                .isEqualTo(SIGNATURE);
    }

    @Test
    void signsOnceForEachSecretWhileOneIsRotated() {
        String next = WebhookSignature.newSecret();

        String header = WebhookSignature.sign(MSG_ID, TIMESTAMP, BODY, List.of(next, SECRET));

        assertThat(header.split(" ", -1))
                .containsExactly(WebhookSignature.sign(MSG_ID, TIMESTAMP, BODY, List.of(next)), SIGNATURE);
        assertThat(verify(header, SECRET, SIGNED_AT)).isTrue();
        assertThat(verify(header, next, SIGNED_AT)).isTrue();
    }

    @Test
    void newSecretsAreWhsecAndThirtyTwoRandomBytes() {
        String secret = WebhookSignature.newSecret();

        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring("whsec_".length())))
                .hasSize(32);
        assertThat(WebhookSignature.newSecret()).isNotEqualTo(secret);
        String header = WebhookSignature.sign(MSG_ID, TIMESTAMP, BODY, List.of(secret));
        assertThat(verify(header, secret, SIGNED_AT)).isTrue();
    }

    @Test
    void signsTheBodyAsUtf8() {
        String secret = WebhookSignature.newSecret();
        String header = WebhookSignature.sign(MSG_ID, TIMESTAMP, "{\"text\": \"Grüße €\"}", List.of(secret));

        assertThat(WebhookSignature.verify(
                        MSG_ID,
                        Long.toString(TIMESTAMP),
                        "{\"text\": \"Grüße €\"}",
                        header,
                        secret,
                        SIGNED_AT,
                        TOLERANCE))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", // no prefix
                "whsec_",
                "whsec_not base64!",
                "whsec_c2hvcnQ=", // 5 bytes
                "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            })
    void refusesAMalformedSecretWithoutRepeatingIt(String secret) {
        assertThatThrownBy(() -> WebhookSignature.sign(MSG_ID, TIMESTAMP, BODY, List.of(SECRET, secret)))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> {
                    if (secret.length() > "whsec_".length()) {
                        assertThat(e.getMessage()).doesNotContain(secret.substring("whsec_".length()));
                    }
                });
        assertThatThrownBy(() -> verify(SIGNATURE, secret, SIGNED_AT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesToSignWithoutASecret() {
        assertThatThrownBy(() -> WebhookSignature.sign(MSG_ID, TIMESTAMP, BODY, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void verifiesTheTestVectorWithinTheTolerance() {
        assertThat(verify(SIGNATURE, SECRET, SIGNED_AT)).isTrue();
        assertThat(verify(SIGNATURE, SECRET, SIGNED_AT.plus(TOLERANCE))).isTrue();
        assertThat(verify(SIGNATURE, SECRET, SIGNED_AT.minus(TOLERANCE))).isTrue();
    }

    @Test
    void refusesATimestampFurtherThanTheTolerance() {
        assertThat(verify(SIGNATURE, SECRET, SIGNED_AT.plus(TOLERANCE).plusSeconds(1)))
                .isFalse();
        assertThat(verify(SIGNATURE, SECRET, SIGNED_AT.minus(TOLERANCE).minusSeconds(1)))
                .isFalse();
    }

    @Test
    void refusesWhatWasNotSignedSo() {
        String timestamp = Long.toString(TIMESTAMP);
        assertThat(WebhookSignature.verify(
                        MSG_ID, timestamp, "{\"test\": 2432232315}", SIGNATURE, SECRET, SIGNED_AT, TOLERANCE))
                .isFalse();
        assertThat(WebhookSignature.verify("msg_other", timestamp, BODY, SIGNATURE, SECRET, SIGNED_AT, TOLERANCE))
                .isFalse();
        assertThat(verify(SIGNATURE, WebhookSignature.newSecret(), SIGNED_AT)).isFalse();
        // a timestamp moved within the tolerance still breaks the signature
        assertThat(WebhookSignature.verify(
                        MSG_ID, Long.toString(TIMESTAMP + 1), BODY, SIGNATURE, SECRET, SIGNED_AT, TOLERANCE))
                .isFalse();
    }

    @Test
    void findsTheMatchingEntryAmongOthers() {
        String header = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,xyz garbage v1,%%% " + SIGNATURE;

        assertThat(verify(header, SECRET, SIGNED_AT)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "v1",
                "v1,",
                "v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA="
            })
    void refusesAHeaderWithoutAMatchingV1Entry(String header) {
        assertThat(verify(header, SECRET, SIGNED_AT)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "abc", "-1614265330", "+1614265330", "1614265330.0", " 1614265330", "99999999999999999999"})
    void refusesATimestampThatIsNotSeconds(String timestamp) {
        assertThat(WebhookSignature.verify(MSG_ID, timestamp, BODY, SIGNATURE, SECRET, SIGNED_AT, TOLERANCE))
                .isFalse();
    }

    @Test
    void refusesMissingHeaders() {
        String timestamp = Long.toString(TIMESTAMP);
        assertThat(WebhookSignature.verify(null, timestamp, BODY, SIGNATURE, SECRET, SIGNED_AT, TOLERANCE))
                .isFalse();
        assertThat(WebhookSignature.verify(MSG_ID, null, BODY, SIGNATURE, SECRET, SIGNED_AT, TOLERANCE))
                .isFalse();
        assertThat(WebhookSignature.verify(MSG_ID, timestamp, BODY, null, SECRET, SIGNED_AT, TOLERANCE))
                .isFalse();
    }

    private static boolean verify(String header, String secret, Instant now) {
        return WebhookSignature.verify(MSG_ID, Long.toString(TIMESTAMP), BODY, header, secret, now, TOLERANCE);
    }
}
