package dev.herald.platform.control;

import jakarta.json.spi.JsonProvider;

/**
 * The JSON-P provider, looked up once. {@code JsonFactory.PROVIDER.createReader}, {@code JsonFactory.PROVIDER.createObjectBuilder} and friends look
 * the provider up on every call, and on Liberty each look-up throws and catches a ClassNotFoundException: profiled
 * as the largest cost of the intake and the live path.
 */
public final class JsonFactory {
    public static final JsonProvider PROVIDER = JsonProvider.provider();

    private JsonFactory() {}
}
