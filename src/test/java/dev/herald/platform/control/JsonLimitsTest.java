package dev.herald.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonLimitsTest {
    @Test
    void ordinaryDocumentsPass() {
        assertThat(JsonLimits.violation("{\"a\":[1,2.5e3,-4],\"b\":{\"c\":true,\"d\":null,\"e\":\"[[[{{{\"}}"))
                .isNull();
        assertThat(JsonLimits.violation("[".repeat(32) + "]".repeat(32))).isNull();
        assertThat(JsonLimits.violation("{\"n\":" + "9".repeat(64) + "}")).isNull();
    }

    @Test
    void deepNestingIsRefusedBeforeAnyParserSeesIt() {
        assertThat(JsonLimits.violation("[".repeat(33) + "]".repeat(33)))
                .isEqualTo("JSON is nested deeper than 32 levels");
        assertThat(JsonLimits.violation("{\"a\":".repeat(5000))).isEqualTo("JSON is nested deeper than 32 levels");
    }

    @Test
    void longNumbersAreRefusedButLongStringsAreNot() {
        assertThat(JsonLimits.violation("{\"n\":" + "1".repeat(1100) + "}"))
                .isEqualTo("a number is longer than 64 characters");
        assertThat(JsonLimits.violation("{\"s\":\"" + "1".repeat(1100) + "\"}")).isNull();
        assertThat(JsonLimits.violation("{\"s\":\"\\\"[[[[\\\\\",\"n\":1}")).isNull();
    }
}
