package dev.herald.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.platform.boundary.Problem.FieldError;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shape check before binding: every wrong type and unknown field, at any depth, with its pointer. */
class JsonShapeTest {
    record Inner(String at, Boolean on) {}

    record Outer(Boolean flag, Long count, Instant until, List<String> ids, Map<String, Inner> inner) {}

    private static List<FieldError> check(String json) {
        JsonObject object = Json.createReader(new StringReader(json)).readObject();
        List<FieldError> errors = new ArrayList<>();
        JsonShape.check(object, Outer.class, "", errors);
        return errors;
    }

    @Test
    void aWellShapedObjectPasses() {
        assertThat(check("{\"flag\":true,\"count\":3,\"until\":\"2026-12-24T18:00:00Z\",\"ids\":[\"a\"],"
                        + "\"inner\":{\"x\":{\"at\":\"08:00\",\"on\":false}}}"))
                .isEmpty();
        assertThat(check("{\"flag\":null,\"ids\":null}")).isEmpty();
    }

    @Test
    void everyMismatchIsNamedWithItsPointer() {
        assertThat(check("{\"flag\":\"yes\",\"count\":1.5,\"until\":\"tomorrow\",\"ids\":[\"a\",2],"
                        + "\"inner\":{\"x/y\":{\"at\":8,\"on\":\"no\",\"extra\":1}},\"what\":0}"))
                .extracting(FieldError::pointer)
                .containsExactly(
                        "/what",
                        "/flag",
                        "/count",
                        "/until",
                        "/ids/1",
                        "/inner/x~1y/extra",
                        "/inner/x~1y/at",
                        "/inner/x~1y/on");
        assertThat(check("{\"ids\":\"a\",\"inner\":[]}"))
                .extracting(FieldError::detail)
                .containsExactly("must be an array", "must be an object");
    }
}
