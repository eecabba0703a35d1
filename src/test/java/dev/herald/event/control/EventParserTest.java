package dev.herald.event.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.event.entity.CloudEvent;
import dev.herald.event.entity.InvalidEventException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventParserTest {
    static final String VALID =
            """
            {"specversion":"1.0","id":"e1","source":"/posts","type":"post.liked","subject":"alice",
             "tenant":"acme","priority":"high","time":"2026-11-22T10:00:00Z",
             "data":{"actor":{"name":"Ana"},"recipients":["bob","alice"]}}""";

    @Test
    void readsAValidEnvelope() throws Exception {
        CloudEvent event = EventParser.parse(VALID);
        assertThat(event.id()).isEqualTo("e1");
        assertThat(event.source()).isEqualTo("/posts");
        assertThat(event.type()).isEqualTo("post.liked");
        assertThat(event.tenant()).isEqualTo("acme");
        assertThat(event.priority()).isEqualTo("high");
        assertThat(event.recipients()).containsExactly("alice", "bob");
        assertThat(event.partitionKey()).isEqualTo("alice");
        assertThat(event.data().getJsonObject("actor").getString("name")).isEqualTo("Ana");
    }

    @Test
    void recipientsAloneAreEnoughAndKeyOnTheFirst() throws Exception {
        CloudEvent event = EventParser.parse(
                "{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"s\",\"type\":\"t\",\"data\":{\"recipients\":[\"x\",\"y\"]}}");
        assertThat(event.recipients()).containsExactly("x", "y");
        assertThat(event.partitionKey()).isEqualTo("x");
        assertThat(event.subject()).isNull();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{not json|malformed JSON",
                "[1,2]|expected a CloudEvents JSON object, got array",
                "{\"id\":\"e\",\"source\":\"s\",\"type\":\"t\",\"subject\":\"u\"}|specversion is required",
                "{\"specversion\":\"0.3\",\"id\":\"e\",\"source\":\"s\",\"type\":\"t\",\"subject\":\"u\"}|specversion must be \"1.0\"",
                "{\"specversion\":\"1.0\",\"source\":\"s\",\"type\":\"t\",\"subject\":\"u\"}|id is required",
                "{\"specversion\":\"1.0\",\"id\":\"e\",\"type\":\"t\",\"subject\":\"u\"}|source is required",
                "{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"s\",\"subject\":\"u\"}|type is required",
                "{\"specversion\":\"1.0\",\"id\":7,\"source\":\"s\",\"type\":\"t\",\"subject\":\"u\"}|id must be a string, got number",
                "{\"specversion\":\"1.0\",\"id\":\" \",\"source\":\"s\",\"type\":\"t\",\"subject\":\"u\"}|id must not be blank",
                "{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"s\",\"type\":\"t\"}|no recipient",
                "{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"s\",\"type\":\"t\",\"data\":{\"recipients\":\"u\"}}|data.recipients must be an array",
                "{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"s\",\"type\":\"t\",\"data\":{\"recipients\":[\"\"]}}|data.recipients must hold non-blank user ids",
                "{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"s\",\"type\":\"t\",\"subject\":\"u\",\"data\":[1]}|data must be a JSON object",
                "{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"s\",\"type\":\"t\",\"subject\":\"u\",\"priority\":\"max\"}|priority must be one of",
                "{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"s\",\"type\":\"t\",\"subject\":\"u\",\"time\":\"yesterday\"}|time must be an RFC 3339 timestamp",
                "{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"s\",\"type\":\"t\",\"subject\":\"u\",\"datacontenttype\":\"text/xml\"}|datacontenttype must be application/json",
                "{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"s\",\"type\":\"t\",\"subject\":\"u\",\"data_base64\":\"AA==\"}|data_base64 is not supported",
                "{\"specversion\":\"1.0\",\"id\":\"e\\u0000\",\"source\":\"s\",\"type\":\"t\",\"subject\":\"u\"}|id must not contain NUL",
            })
    void refusesWithAReason(String payload, String reason) {
        assertThatThrownBy(() -> EventParser.parse(payload))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void refusesEmptyAndOverlongInput() {
        assertThatThrownBy(() -> EventParser.parse("  ")).hasMessageContaining("empty payload");
        String longId = "x".repeat(EventParser.MAX_ID + 1);
        assertThatThrownBy(() -> EventParser.parse("{\"specversion\":\"1.0\",\"id\":\"" + longId
                        + "\",\"source\":\"s\",\"type\":\"t\",\"subject\":\"u\"}"))
                .hasMessageContaining("id is longer than " + EventParser.MAX_ID);
    }
}
