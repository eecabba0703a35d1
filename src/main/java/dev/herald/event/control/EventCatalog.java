package dev.herald.event.control;

import com.ibm.icu.util.ULocale;
import dev.herald.event.entity.Catalog;
import dev.herald.event.entity.EventType;
import dev.herald.event.entity.InvalidEventException;
import dev.herald.link.control.LinkPolicy;
import dev.herald.preference.control.ChannelDefaults;
import dev.herald.preference.control.SupportedLocales;
import dev.herald.preference.entity.Channel;
import dev.herald.workflow.control.Workflows;
import dev.herald.workflow.entity.Workflow;
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
 * catalog shipped in the WAR; a catalog with a mistake stops the application with the file, type and field named. An
 * admin can reload the file while Herald runs: a file with a mistake is refused and the catalog in use stays.
 */
@ApplicationScoped
public class EventCatalog implements SupportedLocales, ChannelDefaults, Workflows {
    private static final Logger LOG = Logger.getLogger(EventCatalog.class.getName());
    static final String BUILT_IN = "herald/catalog.json";

    @Inject
    @ConfigProperty(name = "herald.catalog.location")
    Optional<String> location;

    @Inject
    LinkPolicy links;

    /** A catalog as read, with the channel sets derived from it; replaced whole on a reload. */
    private record Loaded(
            Catalog catalog,
            String source,
            Map<String, Set<Channel>> channelsByType,
            Map<String, Set<Channel>> channelsByCategory) {}

    /** What a reload read. */
    public record Reloaded(int types, List<String> locales, String source) {}

    private volatile Loaded loaded;

    @PostConstruct
    void load() {
        loaded = read();
        LOG.info(() -> "Event catalog: " + types().size() + " types, locales " + all() + ", from " + loaded.source());
    }

    /**
     * Reads the catalog file again and, only if it is valid, puts it in place of the one in use (on this instance);
     * a broken file throws {@link IllegalArgumentException} naming the file, type and field, and changes nothing.
     */
    public Reloaded reload() {
        Loaded fresh = read();
        loaded = fresh;
        LOG.info(() -> "Event catalog reloaded: " + fresh.catalog().types().size() + " types, from " + fresh.source());
        return new Reloaded(fresh.catalog().types().size(), all(), fresh.source());
    }

    private Loaded read() {
        String name = location.filter(l -> !l.isBlank()).orElse("classpath:" + BUILT_IN);
        Catalog catalog;
        try (InputStream in = open()) {
            catalog = CatalogReader.read(in, name, links.rules());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the event catalog " + name, e);
        }
        Map<String, Set<Channel>> byType = new HashMap<>();
        Map<String, Set<Channel>> byCategory = new TreeMap<>();
        for (EventType type : catalog.types().values()) {
            Set<Channel> channels = EnumSet.noneOf(Channel.class);
            // the catalog reader accepted only known channel names
            type.channels().forEach(wire -> channels.add(Channel.of(wire).orElseThrow()));
            byType.put(type.type(), Set.copyOf(channels));
            if (!type.silent()) {
                byCategory
                        .computeIfAbsent(type.category(), c -> EnumSet.noneOf(Channel.class))
                        .addAll(channels);
            }
        }
        Map<String, Set<Channel>> categories = new TreeMap<>();
        byCategory.forEach((category, channels) -> categories.put(category, Set.copyOf(channels)));
        return new Loaded(catalog, name, Map.copyOf(byType), Collections.unmodifiableMap(categories));
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
        return loaded.catalog()
                .type(type)
                .orElseThrow(() -> new InvalidEventException(
                        "/type", "unknown event type \"" + type + "\"; see GET /api/event-types"));
    }

    public Collection<EventType> types() {
        return loaded.catalog().types().values();
    }

    public Catalog catalog() {
        return loaded.catalog();
    }

    @Override
    public Optional<String> resolve(String tag) {
        return loaded.catalog().resolve(tag).map(ULocale::toLanguageTag);
    }

    @Override
    public List<String> all() {
        return loaded.catalog().locales().stream()
                .map(ULocale::toLanguageTag)
                .sorted()
                .toList();
    }

    @Override
    public Map<String, Set<Channel>> categoryChannels() {
        return loaded.channelsByCategory();
    }

    @Override
    public Set<Channel> channelsOf(String type) {
        return loaded.channelsByType().getOrDefault(type, Set.of());
    }

    @Override
    public String defaultLocale() {
        return loaded.catalog().defaultLocale().toLanguageTag();
    }

    @Override
    public Workflow workflowOf(String type) {
        return loaded.catalog().type(type).map(EventType::workflow).orElse(Workflow.NONE);
    }
}
