package dev.herald.inbox.entity;

import static java.util.Objects.requireNonNull;

import dev.herald.platform.control.JsonFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Transient;
import java.io.StringReader;
import java.util.List;

/**
 * A notification's JSON: the event's data and the actors it names, stored as text and kept as JSON values from
 * rendering (or parsed once when first asked for), so showing a new notification needs no parsing. The columns are
 * written by the inbox's own statements, which cast the text to {@code jsonb}.
 */
@Embeddable
public class Payload {
    @Column(name = "data", insertable = false, updatable = false)
    private String dataText;

    @Column(name = "actors", insertable = false, updatable = false)
    private String actorsText;

    @Transient
    private JsonValue data;

    @Transient
    private JsonValue actors;

    protected Payload() {}

    Payload(JsonValue data, JsonValue actors) {
        this.data = requireNonNull(data);
        this.dataText = data.toString();
        name(actors);
    }

    static Payload restore(StoredRow row) {
        Payload p = new Payload();
        p.dataText = row.text("data");
        p.actorsText = row.text("actors");
        return p;
    }

    static JsonValue parse(String stored) {
        try (JsonReader reader = JsonFactory.PROVIDER.createReader(new StringReader(stored))) {
            return reader.readValue();
        }
    }

    /** The actors named from now on. */
    void name(JsonValue named) {
        this.actors = requireNonNull(named);
        this.actorsText = named.toString();
    }

    void name(List<JsonObject> named) {
        name(JsonFactory.PROVIDER
                .createArrayBuilder(named.stream().map(JsonValue.class::cast).toList())
                .build());
    }

    /** Another notification's data from now on (an aggregate shows its newest event's). */
    void takeData(Payload newer) {
        this.data = newer.data;
        this.dataText = newer.dataText;
    }

    /** How many actors it names: the length of the actors array (0 if it is not one). */
    int actorsNamed() {
        JsonValue named = actors();
        return named.getValueType() == JsonValue.ValueType.ARRAY
                ? named.asJsonArray().size()
                : 0;
    }

    public JsonValue data() {
        if (data == null) {
            data = parse(dataText);
        }
        return data;
    }

    public JsonValue actors() {
        if (actors == null) {
            actors = parse(actorsText);
        }
        return actors;
    }

    public String dataText() {
        return dataText;
    }

    public String actorsText() {
        return actorsText;
    }
}
