package dev.herald.channel.entity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SendResultTest {
    @Test
    void anAnswerIsKeptOnOneLineWithSingleSpaces() {
        SendResult result = SendResult.permanentFailure(400, "  {\n\t\"error\":  \"bad\"\r\n}\n ");
        assertThat(result.answer()).isEqualTo("{ \"error\": \"bad\" }");
    }

    @Test
    void anAnswerOfAtMostTheLimitIsKeptWhole() {
        String exactly = "a".repeat(SendResult.ANSWER_LIMIT);
        assertThat(SendResult.sent(202, exactly).answer()).isEqualTo(exactly);
    }

    @Test
    void aLongerAnswerIsCutToTheLimitWithAnEllipsis() {
        String answer = SendResult.transientFailure(503, "b".repeat(5000), null).answer();
        assertThat(answer).hasSize(SendResult.ANSWER_LIMIT);
        assertThat(answer).startsWith("b".repeat(SendResult.ANSWER_LIMIT - 1)).endsWith("…");
    }

    @Test
    void whitespaceIsCollapsedBeforeTheAnswerIsMeasured() {
        String answer = SendResult.permanentFailure(400, "word" + " \n ".repeat(1000) + "end")
                .answer();
        assertThat(answer).isEqualTo("word end");
    }

    @Test
    void noAnswerIsAnEmptyOne() {
        assertThat(SendResult.delivered(200, null).answer()).isEmpty();
        assertThat(new SendResult(SendResult.Kind.SENT, null, null, null, false).answer())
                .isEmpty();
    }

    @Test
    void aResultHasAKind() {
        assertThatThrownBy(() -> new SendResult(null, 200, "ok", null, false)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theSummaryIsTheStatusCodeAndTheAnswer() {
        assertThat(SendResult.transientFailure(503, "busy", null).summary()).isEqualTo("503: busy");
        assertThat(SendResult.transientFailure(503, "", null).summary()).isEqualTo("503");
        assertThat(SendResult.transientFailure(503, null, null).summary()).isEqualTo("503");
        assertThat(SendResult.transientFailure(null, "connection refused", null).summary())
                .isEqualTo("connection refused");
        assertThat(SendResult.transientFailure(null, null, null).summary()).isEmpty();
        assertThat(SendResult.permanentFailure(400, "line one\nline two").summary())
                .isEqualTo("400: line one line two");
    }

    @Test
    void theFactoriesSetKindOutcomeAndWhatFollows() {
        SendResult delivered = SendResult.delivered(200, "ok");
        assertThat(delivered.kind()).isEqualTo(SendResult.Kind.DELIVERED);
        assertThat(delivered.outcome()).isEqualTo("delivered");
        assertThat(delivered.succeeded()).isTrue();

        SendResult sent = SendResult.sent(202, "queued");
        assertThat(sent.outcome()).isEqualTo("sent");
        assertThat(sent.succeeded()).isTrue();

        SendResult retried = SendResult.transientFailure(429, "slow", Duration.ofSeconds(30));
        assertThat(retried.outcome()).isEqualTo("transient");
        assertThat(retried.succeeded()).isFalse();
        assertThat(retried.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(retried.forgetTarget()).isFalse();

        SendResult refused = SendResult.permanentFailure(400, "bad");
        assertThat(refused.outcome()).isEqualTo("permanent");
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.forgetTarget()).isFalse();

        SendResult gone = SendResult.gone(410, "unsubscribed");
        assertThat(gone.kind()).isEqualTo(SendResult.Kind.PERMANENT);
        assertThat(gone.forgetTarget()).isTrue();
        assertThat(gone.retryAfter()).isNull();
    }

    @Test
    void cuttingALongAnswerDoesNotSplitASurrogatePair() {
        String answer = SendResult.sent(200, "a".repeat(498) + "\uD83D\uDE00" + "b".repeat(10))
                .answer();
        assertThat(answer).hasSizeLessThanOrEqualTo(SendResult.ANSWER_LIMIT).endsWith("…");
        assertThat(Character.isHighSurrogate(answer.charAt(answer.length() - 2)))
                .as("a lone high surrogate before the ellipsis")
                .isFalse();
    }

    @Test
    void unicodeLineBreaksAreCollapsedToo() {
        assertThat(SendResult.sent(200, "x\u2028y\u0085z\u2029w").answer()).isEqualTo("x y z w");
    }
}
