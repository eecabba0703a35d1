package dev.herald.preference.control;

import dev.herald.preference.entity.PreferencesDocument;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/** Writes and reads {@link PreferencesDocument}s with JSON-B: the stored text, and the API's bodies. */
public final class PreferencesJson {
    /** Writes nulls (quiet hours off shows as {@code null}); reading ignores nothing the validation did not see. */
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    private PreferencesJson() {}

    public static String write(PreferencesDocument document) {
        return JSONB.toJson(document);
    }

    public static PreferencesDocument read(String json) {
        return JSONB.fromJson(json, PreferencesDocument.class);
    }
}
