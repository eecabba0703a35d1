package dev.herald.event.control;

import com.ibm.icu.util.ULocale;
import dev.herald.event.entity.Catalog;
import dev.herald.event.entity.EventType;
import dev.herald.event.entity.InvalidEventException;
import dev.herald.preference.control.ChannelDefaults;
import dev.herald.preference.control.SupportedLocales;
import dev.herald.preference.entity.Channel;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The event catalog: which event types exist and how each becomes a notification. It is configuration, read and
 * checked at start-up from {@code herald.catalog.location} (a JSON file an operator edits) or, when unset, the
 * catalog shipped in the WAR; a catalog with a mistake stops the application with the file, type and field named.
 */
@ApplicationScoped
public class EventCatalog implements SupportedLocales, ChannelDefaults {
    private static final Logger LOG = Logger.getLogger(EventCatalog.class.getName());
    static final String BUILT_IN = "herald/catalog.json";

    @Inject
    @ConfigProperty(name = "herald.catalog.location")
    Optional<String> location;

    private Catalog catalog;
    private Map<String, Set<Channel>> channelsByType;
    private Map<String, Set<Channel>> channelsByCategory;

    @PostConstruct
    void load() {
        String name = location.filter(l -> !l.isBlank()).orElse("classpath:" + BUILT_IN);
        try (InputStream in = open()) {
            catalog = CatalogReader.read(in, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event catalog " + name, e);
        }
        channelsByType = new HashMap<>();
        Map<String, Set<Channel>> byCategory = new TreeMap<>();
        for (EventType type : catalog.types().values()) {
            Set<Channel> channels = EnumSet.noneOf(Channel.class);
            // the catalog reader accepted only known channel names
            type.channels().forEach(wire -> channels.add(Channel.of(wire).orElseThrow()));
            channelsByType.put(type.type(), Set.copyOf(channels));
            if (!type.silent()) {
                byCategory
                        .computeIfAbsent(type.category(), c -> EnumSet.noneOf(Channel.class))
                        .addAll(channels);
            }
        }
        channelsByCategory = new TreeMap<>();
        byCategory.forEach((category, channels) -> channelsByCategory.put(category, Set.copyOf(channels)));
        LOG.info(() -> "Event catalog: " + catalog.types().size() + " types, locales " + all() + ", from " + name);
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

    public EventType require(String type) throws InvalidEventException {
        return catalog.type(type)
                .orElseThrow(() -> new InvalidEventException(
                        "/type", "unknown event type \"" + type + "\"; see GET /api/event-types"));
    }

    public Collection<EventType> types() {
        return catalog.types().values();
    }

    public Catalog catalog() {
        return catalog;
    }

    @Override
    public Optional<String> resolve(String tag) {
        return catalog.resolve(tag).map(ULocale::toLanguageTag);
    }

    @Override
    public List<String> all() {
        return catalog.locales().stream().map(ULocale::toLanguageTag).sorted().toList();
    }

    @Override
    public Map<String, Set<Channel>> categoryChannels() {
        return Collections.unmodifiableMap(channelsByCategory);
    }

    @Override
    public Set<Channel> channelsOf(String type) {
        return channelsByType.getOrDefault(type, Set.of());
    }

    @Override
    public String defaultLocale() {
        return catalog.defaultLocale().toLanguageTag();
    }
}
