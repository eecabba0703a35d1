package dev.herald.event.entity;

import static java.util.Objects.requireNonNull;

import dev.herald.platform.control.JsonFactory;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.StringReader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A record that could not become notifications, kept whole with where it came from and why. */
@Entity
@Table(name = "parked_event")
@NamedQuery(name = ParkedEvent.NEWEST, query = "SELECT p FROM ParkedEvent p ORDER BY p.parkedAt DESC, p.id")
public class ParkedEvent {
    public static final String NEWEST = "ParkedEvent.newest";

    @Id
    private String id;

    @Column(name = "parked_at")
    private Instant parkedAt;

    private String topic;

    @Column(name = "kafka_partition")
    private Integer partition;

    @Column(name = "kafka_offset")
    private Long offset;

    @Column(name = "record_key")
    private String key;

    private String payload;
    private String reason;

    /** The reasons as a JSON array of {pointer, detail}. */
    private String errors;

    /** The record's headers as a JSON object, when it had any (a binary-mode CloudEvent's envelope). */
    private String headers;

    protected ParkedEvent() {}

    public ParkedEvent(IncomingRecord record, String reason, List<Violation> violations, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.parkedAt = requireNonNull(now);
        this.topic = record.topic();
        this.partition = record.partition();
        this.offset = record.offset();
        this.key = withoutNul(record.key());
        this.payload = withoutNul(record.payload());
        this.reason = requireNonNull(reason);
        JsonArrayBuilder list = JsonFactory.PROVIDER.createArrayBuilder();
        violations.forEach(v -> list.add(JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("pointer", v.pointer())
                .add("detail", withoutNul(v.detail()))));
        this.errors = list.build().toString();
        if (!record.headers().isEmpty()) {
            JsonObjectBuilder map = JsonFactory.PROVIDER.createObjectBuilder();
            record.headers().forEach((name, value) -> map.add(withoutNul(name), withoutNul(value)));
            this.headers = map.build().toString();
        }
    }

    /** The record as it came, to run through intake again. */
    public IncomingRecord record() {
        Map<String, String> map = new LinkedHashMap<>();
        if (headers != null) {
            try (JsonReader reader = JsonFactory.PROVIDER.createReader(new StringReader(headers))) {
                reader.readObject().forEach((name, value) -> {
                    if (value instanceof JsonString text) {
                        map.put(name, text.getString());
                    }
                });
            }
        }
        return new IncomingRecord(payload, topic, partition, offset, key, map);
    }

    /** PostgreSQL text cannot hold NUL; everything else of the payload is kept as it came. */
    private static String withoutNul(String text) {
        return text == null ? null : text.replace('\u0000', '\uFFFD');
    }

    public String id() {
        return id;
    }

    public Instant parkedAt() {
        return parkedAt;
    }

    public String topic() {
        return topic;
    }

    public Integer partition() {
        return partition;
    }

    public Long offset() {
        return offset;
    }

    public String key() {
        return key;
    }

    public String payload() {
        return payload;
    }

    public String reason() {
        return reason;
    }

    /** The reasons as a JSON array of {pointer, detail}; null for records parked before they were kept. */
    public String errors() {
        return errors;
    }

    /** The record's headers as a JSON object; null when it had none. */
    public String headers() {
        return headers;
    }
}
