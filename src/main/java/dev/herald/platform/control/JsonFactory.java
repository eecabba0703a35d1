package dev.herald.platform.control;

import jakarta.json.JsonConfig;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Map;

/**
 * The JSON-P provider, looked up once. {@code Json.createReader}, {@code Json.createObjectBuilder} and friends look the
 * provider up on every call, and on Liberty each look-up throws and catches a ClassNotFoundException: profiled as the
 * largest cost of the intake and the live path.
 */
public final class JsonFactory {
    public static final JsonProvider PROVIDER = JsonProvider.provider();

    /**
     * Readers for what clients send: a duplicated key ({@code "id":"a","id":"b"}) is refused, never silently one of
     * them (JSON-P 2.1's key strategy NONE), since two parsers along the way may each take another one.
     */
    private static final JsonReaderFactory STRICT =
            PROVIDER.createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

    private JsonFactory() {}

    /**
     * A response record as the JSON value JSON-B writes for it, for the few places that put one inside JSON they
     * build or store themselves (the flow, audit details); the shape is the record's, so it is the same everywhere.
     */
    public static JsonValue bound(Record response) {
        try (JsonReader reader = PROVIDER.createReader(new StringReader(Binding.JSONB.toJson(response)))) {
            return reader.readValue();
        }
    }

    /**
     * JSON-B as the REST layer uses it for response records (a null field is left out unless marked nillable), made
     * when first used: the unit tests have no JSON-B implementation.
     */
    private static final class Binding {
        static final Jsonb JSONB = JsonbBuilder.create();
    }

    /** A reader of client input that refuses duplicated keys with a {@link jakarta.json.JsonException}. */
    public static JsonReader strictReader(String text) {
        return STRICT.createReader(new StringReader(text));
    }
}
