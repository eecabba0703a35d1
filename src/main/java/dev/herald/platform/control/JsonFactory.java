package dev.herald.platform.control;

import jakarta.json.JsonConfig;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
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

    /** A reader of client input that refuses duplicated keys with a {@link jakarta.json.JsonException}. */
    public static JsonReader strictReader(String text) {
        return STRICT.createReader(new StringReader(text));
    }
}
