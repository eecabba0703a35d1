package dev.herald.event.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.herald.event.entity.CloudEvent;
import dev.herald.event.entity.InvalidEventException;
import dev.herald.event.entity.Violation;
import java.time.Instant;
import java.util.Map;
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
        assertThat(event.subject()).isEqualTo("alice");
        assertThat(event.tenant()).isEqualTo("acme");
        assertThat(event.priority()).isEqualTo("high");
        assertThat(event.time()).isEqualTo(Instant.parse("2026-11-22T10:00:00Z"));
        assertThat(event.data().getJsonObject("actor").getString("name")).isEqualTo("Ana");
    }

    @Test
    void readsBinaryModeFromHeadersAndValue() throws Exception {
        Map<String, String> headers = Map.of(
                "ce_specversion", "1.0",
                "ce_id", "b1",
                "ce_source", "/kafka",
                "ce_type", "post.liked",
                "ce_subject", "alice",
                "ce_time", "2026-11-22T10:00:00Z",
                "content-type", "application/json; charset=utf-8");
        assertThat(EventParser.isBinary(headers)).isTrue();
        CloudEvent event = EventParser.parseBinary(headers, "{\"post\":{\"id\":\"p1\"}}");
        assertThat(event.id()).isEqualTo("b1");
        assertThat(event.subject()).isEqualTo("alice");
        assertThat(event.data().getJsonObject("post").getString("id")).isEqualTo("p1");
        assertThat(EventParser.isBinary(Map.of("traceparent", "x"))).isFalse();
    }

    @Test
    void binaryModeProblemsPointAtTheEnvelopeAsInStructuredMode() {
        InvalidEventException e = catchThrowableOfType(
                () -> EventParser.parseBinary(Map.of("ce_specversion", "1.0", "ce_type", "t"), "{oops"),
                InvalidEventException.class);
        assertThat(e.violations()).extracting(Violation::pointer).containsExactly("/data");
        InvalidEventException missing = catchThrowableOfType(
                () -> EventParser.parseBinary(Map.of("ce_specversion", "1.0", "ce_type", "t"), "{}"),
                InvalidEventException.class);
        assertThat(missing.violations()).extracting(Violation::pointer).containsExactly("/id", "/source");
    }

    @Test
    void reportsEveryProblemAtOnce() {
        InvalidEventException e = catchThrowableOfType(
                () -> EventParser.parse("{\"specversion\":\"0.3\",\"id\":7,\"type\":\"t\",\"priority\":\"max\"}"),
                InvalidEventException.class);
        assertThat(e.violations())
                .extracting(Violation::pointer)
                .containsExactly("/id", "/source", "/specversion", "/priority");
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{not json||malformed JSON",
                "[1,2]||expected a CloudEvents JSON object, got array",
                "{\"id\":\"e\",\"source\":\"s\",\"type\":\"t\",\"subject\":\"u\"}|/specversion|specversion is required",
                "{\"specversion\":\"0.3\",\"id\":\"e\",\"source\":\"s\",\"type\":\"t\"}|/specversion|must be \"1.0\"",
                "{\"specversion\":\"1.0\",\"source\":\"s\",\"type\":\"t\"}|/id|id is required",
                "{\"specversion\":\"1.0\",\"id\":\"e\",\"type\":\"t\"}|/source|source is required",
                "{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"s\"}|/type|type is required",
                "{\"specversion\":\"1.0\",\"id\":7,\"source\":\"s\",\"type\":\"t\"}|/id|must be a string, got number",
                "{\"specversion\":\"1.0\",\"id\":\" \",\"source\":\"s\",\"type\":\"t\"}|/id|must not be blank",
                "{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"s\",\"type\":\"t\",\"data\":[1]}|/data|must be a JSON object",
                "{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"s\",\"type\":\"t\",\"priority\":\"max\"}|/priority|must be one of",
                "{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"s\",\"type\":\"t\",\"time\":\"yesterday\"}|/time|must be an RFC 3339 timestamp",
                "{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"s\",\"type\":\"t\",\"datacontenttype\":\"text/xml\"}|/datacontenttype|must be application/json",
                "{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"s\",\"type\":\"t\",\"data_base64\":\"AA==\"}|/data_base64|is not supported",
                "{\"specversion\":\"1.0\",\"id\":\"e\\u0000\",\"source\":\"s\",\"type\":\"t\"}|/id|must not contain NUL",
                "{\"specversion\":\"1.0\",\"id\":\"a\",\"id\":\"b\",\"source\":\"s\",\"type\":\"t\"}||malformed JSON: Duplicate key 'id'",
                "{\"specversion\":\"1.0\",\"id\":\"a\",\"source\":\"s\",\"type\":\"t\",\"data\":{\"n\":1,\"n\":2}}||malformed JSON: Duplicate key 'n'",
            })
    void refusesWithAPointerAndAReason(String payload, String pointer, String reason) {
        InvalidEventException e = catchThrowableOfType(() -> EventParser.parse(payload), InvalidEventException.class);
        assertThat(e).isNotNull();
        assertThat(e.violations()).hasSize(1);
        assertThat(e.violations().get(0).pointer()).isEqualTo(pointer == null ? "" : pointer);
        assertThat(e.getMessage()).contains(reason);
    }

    @Test
    void refusesEmptyAndOverlongInput() {
        assertThatThrownBy(() -> EventParser.parse("  ")).hasMessageContaining("empty");
        String longId = "x".repeat(EventParser.MAX_ID + 1);
        assertThatThrownBy(() -> EventParser.parse(
                        "{\"specversion\":\"1.0\",\"id\":\"" + longId + "\",\"source\":\"s\",\"type\":\"t\"}"))
                .hasMessageContaining("/id: is longer than " + EventParser.MAX_ID);
    }
}
