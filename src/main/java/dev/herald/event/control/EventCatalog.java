package dev.herald.event.control;

import dev.herald.event.entity.EventType;
import dev.herald.event.entity.InvalidEventException;
import dev.herald.event.entity.Template;
import dev.herald.platform.control.JsonFactory;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The event catalog: which event types exist and how each becomes a notification. It is configuration, read at
 * start-up from {@code herald.catalog.location} (a JSON file an operator edits) or, when unset, the catalog
 * shipped in the WAR.
 */
@ApplicationScoped
public class EventCatalog {
    private static final Logger LOG = Logger.getLogger(EventCatalog.class.getName());
    static final String BUILT_IN = "herald/catalog.json";

    @Inject
    @ConfigProperty(name = "herald.catalog.location")
    Optional<String> location;

    private Map<String, EventType> types = Map.of();

    @PostConstruct
    void load() {
        try (InputStream in = open()) {
            types = parse(in);
            LOG.info(() -> "Event catalog: " + types.size() + " types from " + location.orElse("the built-in catalog"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event catalog", e);
        }
    }

    private InputStream open() throws IOException {
        if (location.isPresent() && !location.get().isBlank()) {
            return Files.newInputStream(Path.of(location.get()));
        }
        InputStream in = EventCatalog.class.getClassLoader().getResourceAsStream(BUILT_IN);
        if (in == null) {
            throw new IOException("the built-in catalog " + BUILT_IN + " is missing");
        }
        return in;
    }

    /** Reads a catalog document: {@code {"types": {"post.liked": {"category", "channels", "title", "body"}}}}. */
    static Map<String, EventType> parse(InputStream in) {
        JsonObject root;
        try (JsonReader reader = JsonFactory.PROVIDER.createReader(in)) {
            root = reader.readObject();
        }
        JsonObject entries = root.getJsonObject("types");
        if (entries == null) {
            throw new IllegalArgumentException("the event catalog needs a \"types\" object");
        }
        Map<String, EventType> result = new TreeMap<>();
        entries.forEach((name, value) -> result.put(name, entry(name, value)));
        return Map.copyOf(result);
    }

    private static EventType entry(String name, JsonValue value) {
        if (!(value instanceof JsonObject entry)) {
            throw new IllegalArgumentException("catalog entry " + name + " must be an object");
        }
        try {
            List<String> channels = entry.containsKey("channels")
                    ? entry.getJsonArray("channels").getValuesAs(JsonString.class).stream()
                            .map(JsonString::getString)
                            .toList()
                    : List.of("in_app");
            return new EventType(
                    name,
                    entry.getString("category"),
                    channels,
                    Template.parse(entry.getString("title")),
                    Template.parse(entry.getString("body", "")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("catalog entry " + name + " is invalid: " + e.getMessage(), e);
        }
    }

    public EventType require(String type) throws InvalidEventException {
        EventType eventType = types.get(type);
        if (eventType == null) {
            throw new InvalidEventException("unknown event type \"" + type + "\"; see GET /api/event-types");
        }
        return eventType;
    }

    public Collection<EventType> all() {
        return new TreeMap<>(types).values();
    }
}
