package dev.herald.event.entity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The JSON Schema (draft 2020-12) an event type's {@code data} must match, checked with networknt's validator.
 * Every mismatch becomes a {@link Violation} pointing into the event ({@code /data/...}). Thread-safe.
 */
public final class DataSchema {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER)
            .formatAssertionsEnabled(true)
            .build();
    private static final JsonSchema META_SCHEMA = FACTORY.getSchema(
            com.networknt.schema.SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"), CONFIG);

    private final JsonObject source;
    private final JsonSchema schema;

    private DataSchema(JsonObject source, JsonSchema schema) {
        this.source = source;
        this.schema = schema;
    }

    /**
     * Compiles a schema, after checking it against the draft 2020-12 meta-schema.
     *
     * @throws IllegalArgumentException naming what is wrong with the schema, with pointers into it
     */
    public static DataSchema of(JsonObject source) {
        JsonNode node = node(source.toString());
        Set<ValidationMessage> problems = META_SCHEMA.validate(node);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("not a valid JSON Schema (draft 2020-12): "
                    + String.join(
                            "; ",
                            violations(problems, "").stream()
                                    .map(Violation::toString)
                                    .toList()));
        }
        return new DataSchema(source, FACTORY.getSchema(node, CONFIG));
    }

    /** The schema as configured, for {@code GET /api/event-types}. */
    public JsonObject source() {
        return source;
    }

    /** The top-level properties {@code data} must have. */
    public List<String> required() {
        JsonValue required = source.get("required");
        if (required == null || required.getValueType() != JsonValue.ValueType.ARRAY) {
            return List.of();
        }
        return required.asJsonArray().getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }

    /** Every way {@code data} does not match, pointing into the event; empty when it matches. */
    public List<Violation> check(JsonObject data) {
        return violations(schema.validate(data.toString(), InputFormat.JSON), "/data");
    }

    private static List<Violation> violations(Set<ValidationMessage> messages, String prefix) {
        List<Violation> violations = new ArrayList<>();
        for (ValidationMessage message : messages) {
            String at = message.getInstanceLocation().toString();
            if ("required".equals(message.getType()) && message.getProperty() != null) {
                at = at + "/" + message.getProperty();
            }
            violations.add(new Violation(prefix + at, detail(message)));
        }
        violations.sort(Comparator.comparing(Violation::pointer).thenComparing(Violation::detail));
        return violations;
    }

    private static String detail(ValidationMessage message) {
        String text = message.getError() != null ? message.getError() : message.getMessage();
        return text.replaceFirst("^[^:]*: ", "");
    }

    private static JsonNode node(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
