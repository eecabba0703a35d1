package dev.herald.event.control;

import com.ibm.icu.util.ULocale;
import dev.herald.event.entity.AggregationRule;
import dev.herald.event.entity.Catalog;
import dev.herald.event.entity.DataSchema;
import dev.herald.event.entity.EventType;
import dev.herald.event.entity.LinkTemplate;
import dev.herald.event.entity.LocalizedContent;
import dev.herald.event.entity.LocalizedTemplates;
import dev.herald.event.entity.RecipientRule;
import dev.herald.event.entity.Template;
import dev.herald.event.entity.Violation;
import dev.herald.link.entity.LinkRules;
import dev.herald.platform.control.JsonFactory;
import dev.herald.preference.entity.Channel;
import dev.herald.workflow.entity.Batch;
import dev.herald.workflow.entity.ChannelSteps;
import dev.herald.workflow.entity.Delay;
import dev.herald.workflow.entity.Fallback;
import dev.herald.workflow.entity.Throttle;
import dev.herald.workflow.entity.Unless;
import dev.herald.workflow.entity.Workflow;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.InputStream;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a catalog document and checks everything that can be checked before an event arrives: each schema against
 * the JSON Schema meta-schema, each template's syntax, that templates use only fields the schema declares (and
 * titles only fields it requires), recipients, channels, priorities, aggregation rules and workflow steps. Every problem is reported
 * as {@code <file>: types.<type>.<field>: <what is wrong>}. Pure.
 */
public final class CatalogReader {
    /** Arguments every template may use besides the fields of {@code data}. */
    public static final Set<String> COMPUTED_ARGUMENTS = Set.of(TextRenderer.ACTORS, TextRenderer.ACTOR_COUNT);

    /** The steps a channel's entry in a type's {@code workflow} may have. */
    private static final Set<String> STEP_FIELDS = new TreeSet<>(Set.of("delay", "batch", "unless", "throttle"));

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    /** The parts of each channel's words in {@code content}. */
    private static final Map<String, Set<String>> CONTENT_SHAPES = Map.of(
            "email", new TreeSet<>(Set.of("subject", "body", "button")),
            "push", new TreeSet<>(Set.of("title", "body")),
            "sms", Set.of());

    /** An absolute http(s) URL with a literal host: scheme, host[:port], then a path, query or nothing. */
    private static final Pattern ABSOLUTE = Pattern.compile("(?i)(https?)://([^/?#{}@\\s]+)([/?#].*)?");

    private final String file;
    private final LinkRules links;

    private CatalogReader(String file, LinkRules links) {
        this.file = file;
        this.links = links;
    }

    /** Reads the catalog; {@code file} names it in errors; links may point anywhere. */
    public static Catalog read(InputStream in, String file) {
        return read(in, file, LinkRules.ANY);
    }

    /** Reads the catalog; {@code file} names it in errors; each type's link must follow {@code links}. */
    public static Catalog read(InputStream in, String file, LinkRules links) {
        return new CatalogReader(file, links).read(in);
    }

    private Catalog read(InputStream in) {
        JsonObject root;
        try (JsonReader reader = JsonFactory.PROVIDER.createReader(in)) {
            root = reader.readObject();
        } catch (JsonException | ClassCastException e) {
            throw error("", "not a JSON object: " + e.getMessage());
        }
        ULocale defaultLocale = locale(root.getString("defaultLocale", "en"), "defaultLocale");
        Map<ULocale, Template> others = new HashMap<>();
        Map<ULocale, ULocale> lists = new HashMap<>();
        object(root, "locales", "").forEach((tag, phrases) -> {
            String field = "locales." + tag;
            ULocale locale = locale(tag, field);
            if (!(phrases instanceof JsonObject object) || !(object.get("others") instanceof JsonString pattern)) {
                throw error(
                        field,
                        "needs an \"others\" pattern such as \"{count, plural, one {# other} other {# others}}\"");
            }
            Template phrase = template(pattern.getString(), locale, field + ".others");
            if (!phrase.arguments().equals(Set.of("count"))) {
                throw error(field + ".others", "must use exactly the argument {count}");
            }
            others.put(locale, phrase);
            if (object.containsKey("listLocale")) {
                lists.put(locale, locale(string(object, "listLocale", field, null), field + ".listLocale"));
            }
        });
        if (!others.containsKey(defaultLocale)) {
            throw error("defaultLocale", defaultLocale.toLanguageTag() + " has no entry under \"locales\"");
        }
        List<String> admins = strings(root, "admins", "admins", List.of());
        Map<String, EventType> types = new TreeMap<>();
        object(root, "types", "").forEach((name, entry) -> {
            if (!(entry instanceof JsonObject object)) {
                throw error("types." + name, "must be an object");
            }
            types.put(name, type(name, object, admins, defaultLocale, others.keySet()));
        });
        if (types.isEmpty()) {
            throw error("types", "the catalog defines no event type");
        }
        return new Catalog(defaultLocale, others, lists, types);
    }

    private EventType type(
            String name, JsonObject entry, List<String> admins, ULocale defaultLocale, Set<ULocale> locales) {
        String at = "types." + name;
        if (name.isBlank() || name.length() > EventParser.MAX_TYPE) {
            throw error(at, "a type name must be 1 to " + EventParser.MAX_TYPE + " characters");
        }
        String category = string(entry, "category", at, null);
        String priority = string(entry, "priority", at, "normal");
        if (!EventParser.PRIORITIES.contains(priority)) {
            throw error(at + ".priority", "must be one of low, normal, high, critical");
        }
        boolean silent = entry.getBoolean("silent", false);
        List<String> channels = strings(entry, "channels", at + ".channels", silent ? List.of() : List.of("in_app"));
        channels.stream().filter(c -> Channel.of(c).isEmpty()).findFirst().ifPresent(c -> {
            throw error(at + ".channels", "unknown channel \"" + c + "\"; use " + Channel.PATTERN.replace("|", ", "));
        });
        RecipientRule recipients;
        try {
            recipients = new RecipientRule(
                    strings(entry, "recipients", at + ".recipients", List.of("subject", "data.recipients")), admins);
        } catch (IllegalArgumentException e) {
            throw error(at + ".recipients", e.getMessage());
        }
        JsonObject schemaSource = entry.containsKey("schema")
                ? object(entry, "schema", at)
                : JsonFactory.PROVIDER
                        .createObjectBuilder()
                        .add("type", "object")
                        .build();
        DataSchema schema;
        try {
            schema = DataSchema.of(schemaSource);
        } catch (IllegalArgumentException e) {
            throw error(at + ".schema", e.getMessage());
        }
        AggregationRule aggregation = entry.containsKey("aggregation") ? aggregation(entry, at) : null;
        Map<ULocale, LocalizedTemplates> templates =
                silent ? Map.of() : templates(entry, at, schemaSource, defaultLocale, locales);
        Workflow workflow =
                entry.containsKey("workflow") ? workflow(entry, at, channels, silent, aggregation) : Workflow.NONE;
        LinkTemplate link = entry.containsKey("link") ? link(entry, at, schemaSource, silent) : null;
        Map<ULocale, LocalizedContent> content =
                entry.containsKey("content") ? content(entry, at, schemaSource, locales, channels) : Map.of();
        JsonObject example = entry.containsKey("example") ? example(entry, at, schema) : null;
        return new EventType(
                name,
                category,
                priority,
                channels,
                recipients,
                silent,
                schema,
                aggregation,
                templates,
                workflow,
                link,
                content,
                example);
    }

    /**
     * The {@code content}: per locale and channel the words besides the inbox's title and body ({@code email}:
     * subject, body, button; {@code push}: title, body; {@code sms}: one text), checked as the templates are.
     */
    private Map<ULocale, LocalizedContent> content(
            JsonObject entry, String at, JsonObject schema, Set<ULocale> locales, List<String> channels) {
        Map<String, Boolean> fields = new HashMap<>();
        declaredFields(schema, "", true, fields);
        Map<ULocale, LocalizedContent> result = new LinkedHashMap<>();
        object(entry, "content", at).forEach((tag, value) -> {
            String field = at + ".content." + tag;
            ULocale locale = locale(tag, field);
            if (!locales.contains(locale)) {
                throw error(field, tag + " is not among the catalog's locales " + locales);
            }
            if (!(value instanceof JsonObject perChannel)) {
                throw error(field, "must be an object of channels: email, push, sms");
            }
            Map<String, Template> texts = new HashMap<>();
            perChannel.forEach((channel, words) -> {
                String channelAt = field + "." + channel;
                if (!CONTENT_SHAPES.containsKey(channel)) {
                    throw error(channelAt, "content is for email, push and sms");
                }
                if (!channels.contains(channel)) {
                    throw error(channelAt, "the type does not use " + channel + "; its channels are " + channels);
                }
                if (channel.equals("sms")) {
                    if (!(words instanceof JsonString text)) {
                        throw error(channelAt, "must be the message's text");
                    }
                    Template sms = template(text.getString(), locale, channelAt);
                    checkArguments(sms, fields, false, channelAt);
                    texts.put("sms", sms);
                    return;
                }
                if (!(words instanceof JsonObject parts)) {
                    throw error(channelAt, "must be an object with " + CONTENT_SHAPES.get(channel));
                }
                unknownFields(parts, CONTENT_SHAPES.get(channel), channelAt, "unknown field; " + channel + " has ");
                parts.forEach((part, text) -> {
                    String partAt = channelAt + "." + part;
                    if (!(text instanceof JsonString string)
                            || string.getString().isBlank()) {
                        throw error(partAt, "must be a non-blank string");
                    }
                    Template template = template(string.getString(), locale, partAt);
                    // a subject or a push title must not come out empty: only fields the schema requires
                    checkArguments(template, fields, part.equals("subject") || part.equals("title"), partAt);
                    texts.put(channel + "." + part, template);
                });
            });
            result.put(locale, new LocalizedContent(locale, texts));
        });
        return result;
    }

    /** The {@code example}: data a preview renders the type with; it must match the type's schema. */
    private JsonObject example(JsonObject entry, String at, DataSchema schema) {
        JsonObject example = object(entry, "example", at);
        List<Violation> violations = schema.check(example);
        if (!violations.isEmpty()) {
            throw error(
                    at + ".example",
                    "does not match the schema: "
                            + violations.stream()
                                    .map(v -> v.pointer() + " " + v.detail())
                                    .collect(java.util.stream.Collectors.joining("; ")));
        }
        return example;
    }

    /**
     * The {@code link}: a path in the product ({@code /posts/{post_id}}, on HERALD_LINK_BASE_URL) or an absolute URL
     * on an allowed origin, with a literal scheme and host (https, or http for this machine), taking only data fields
     * the schema requires, as simple arguments.
     */
    private LinkTemplate link(JsonObject entry, String at, JsonObject schema, boolean silent) {
        String field = at + ".link";
        if (silent) {
            throw error(field, "a silent type makes no notification, so it has no link");
        }
        String pattern = string(entry, "link", at, null);
        String absolute = pattern.startsWith("/") && !pattern.startsWith("//") ? links.base() + pattern : pattern;
        Matcher url = ABSOLUTE.matcher(absolute);
        if (!url.matches()) {
            throw error(
                    field,
                    "must be a path such as /posts/{post_id} or an absolute https URL whose scheme and host"
                            + " are written out (no argument before the path)");
        }
        String scheme = url.group(1).toLowerCase(java.util.Locale.ROOT);
        String host = url.group(2).toLowerCase(java.util.Locale.ROOT);
        String origin = scheme + "://" + host;
        boolean loopback = host.matches("(localhost|127\\.0\\.0\\.1|\\[::1\\])(:\\d+)?");
        boolean onBase = origin.equals(links.baseOrigin());
        if (scheme.equals("http") && !loopback && !onBase) {
            throw error(field, "must use https (http only for this machine)");
        }
        if (!onBase && !links.allowed().test(origin)) {
            throw error(field, "points to " + origin + ", which is not among HERALD_LINK_ALLOWED_ORIGINS");
        }
        LinkTemplate link;
        try {
            link = LinkTemplate.parse(absolute);
        } catch (IllegalArgumentException e) {
            throw error(field, e.getMessage());
        }
        Map<String, Boolean> fields = new HashMap<>();
        declaredFields(schema, "", true, fields);
        for (String argument : link.arguments()) {
            Boolean alwaysThere = fields.get(argument);
            if (alwaysThere == null || !alwaysThere) {
                throw error(
                        field,
                        "uses {" + argument + "}, which the schema must declare and require (a link without it would"
                                + " point nowhere)");
            }
        }
        return link;
    }

    /**
     * The {@code workflow}: per channel the type uses besides the inbox and webhooks, its steps (a {@code delay}, an
     * ISO-8601 duration or {@code {"until": "HH:mm", "spread": duration}}; a {@code batch} window for an aggregated
     * type; what cancels the send meanwhile, {@code unless} seen, read or archived; a {@code throttle}), and a
     * {@code fallback} order of channels.
     */
    private Workflow workflow(
            JsonObject entry, String at, List<String> channels, boolean silent, AggregationRule aggregation) {
        String field = at + ".workflow";
        if (silent) {
            throw error(field, "a silent type makes no notification, so it has no workflow");
        }
        Map<Channel, ChannelSteps> steps = new EnumMap<>(Channel.class);
        JsonObject workflow = object(entry, "workflow", at);
        Fallback fallback = workflow.containsKey("fallback")
                ? fallback(workflow.get("fallback"), field + ".fallback", channels)
                : Fallback.NONE;
        workflow.forEach((name, value) -> {
            if (name.equals("fallback")) {
                return;
            }
            String stepsAt = field + "." + name;
            Channel channel = outsideChannel(name, stepsAt, channels);
            if (fallback.has(channel)) {
                throw error(
                        stepsAt, "is in the fallback order, which decides when it goes; it takes no steps of its own");
            }
            if (!(value instanceof JsonObject object)) {
                throw error(stepsAt, "must be an object such as {\"delay\": \"PT15M\", \"unless\": \"read\"}");
            }
            unknownFields(object, STEP_FIELDS, stepsAt, "unknown step; a channel's steps are ");
            if (object.containsKey("unless") && !object.containsKey("delay") && !object.containsKey("batch")) {
                throw error(
                        stepsAt + ".delay",
                        "is required with unless: nothing can be seen or read before a send that does not wait");
            }
            Delay delay = object.containsKey("delay") ? delay(object.get("delay"), stepsAt + ".delay") : null;
            Batch batch = object.containsKey("batch") ? batch(object, stepsAt, aggregation) : null;
            Unless unless = object.containsKey("unless") ? unless(object, stepsAt) : null;
            Throttle throttle = object.containsKey("throttle") ? throttle(object, stepsAt) : null;
            try {
                steps.put(channel, new ChannelSteps(delay, batch, unless, throttle));
            } catch (IllegalArgumentException e) {
                throw error(stepsAt, e.getMessage());
            }
        });
        return new Workflow(steps, fallback);
    }

    private Channel outsideChannel(String name, String at, List<String> channels) {
        Channel channel = Channel.of(name)
                .orElseThrow(
                        () -> error(at, "unknown channel \"" + name + "\"; use " + Channel.PATTERN.replace("|", ", ")));
        if (channel == Channel.IN_APP || channel == Channel.WEBHOOK) {
            throw error(at, "the inbox and webhooks take no workflow steps: they always go at once");
        }
        if (!channels.contains(name)) {
            throw error(at, "the type does not use " + name + "; its channels are " + channels);
        }
        return channel;
    }

    private void unknownFields(JsonObject object, Set<String> known, String at, String problem) {
        object.keySet().stream().filter(key -> !known.contains(key)).findFirst().ifPresent(key -> {
            throw error(at + "." + key, problem + known);
        });
    }

    private Unless unless(JsonObject object, String at) {
        return Unless.of(string(object, "unless", at, null))
                .orElseThrow(() -> error(at + ".unless", "must be one of seen, read, archived"));
    }

    private Batch batch(JsonObject object, String at, AggregationRule aggregation) {
        String field = at + ".batch";
        if (aggregation == null) {
            throw error(field, "needs the type's aggregation: a batch sends the aggregate once, with its final text");
        }
        JsonObject batch = object(object, "batch", at);
        unknownFields(batch, Set.of("window", "max"), field, "unknown field; a batch has ");
        Duration window = duration(string(batch, "window", field, null), field + ".window");
        Duration max = batch.containsKey("max") ? duration(string(batch, "max", field, null), field + ".max") : null;
        Duration closes = max != null ? max : window;
        if (closes.compareTo(aggregation.window()) < 0) {
            throw error(
                    field + (max != null ? ".max" : ".window"),
                    "must be at least the aggregation window " + aggregation.window()
                            + ", or the message would go before the aggregate has its final text");
        }
        try {
            return new Batch(window, max);
        } catch (IllegalArgumentException e) {
            throw error(field, e.getMessage());
        }
    }

    private Throttle throttle(JsonObject object, String at) {
        String field = at + ".throttle";
        JsonObject throttle = object(object, "throttle", at);
        unknownFields(throttle, Set.of("max", "per"), field, "unknown field; a throttle has ");
        if (!(throttle.get("max") instanceof JsonNumber max) || !max.isIntegral()) {
            throw error(field + ".max", "must be a whole number from 1 to 1000");
        }
        try {
            return new Throttle(max.intValue(), duration(string(throttle, "per", field, null), field + ".per"));
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file + ": ")) {
                throw e;
            }
            throw error(field, e.getMessage());
        }
    }

    private Fallback fallback(JsonValue value, String at, List<String> channels) {
        if (!(value instanceof JsonArray array) || array.size() < 2) {
            throw error(
                    at,
                    "must be an array of at least two channels, such as [{\"channel\": \"push\"},"
                            + " {\"channel\": \"email\", \"after\": \"PT10M\"}]");
        }
        List<Fallback.Entry> entries = new ArrayList<>();
        Duration previous = null;
        for (int i = 0; i < array.size(); i++) {
            String entryAt = at + "[" + i + "]";
            if (!(array.get(i) instanceof JsonObject object)) {
                throw error(entryAt, "must be an object with a channel");
            }
            unknownFields(
                    object,
                    Set.of("channel", "after", "unless", "priorities"),
                    entryAt,
                    "unknown field; an entry has ");
            Channel channel = outsideChannel(string(object, "channel", entryAt, null), entryAt + ".channel", channels);
            if (entries.stream().anyMatch(e -> e.channel() == channel)) {
                throw error(entryAt + ".channel", channel.wire() + " is already in the order");
            }
            Duration after;
            if (i == 0) {
                if (object.containsKey("after")) {
                    throw error(entryAt + ".after", "the first channel goes at once");
                }
                after = Duration.ZERO;
            } else {
                after = duration(string(object, "after", entryAt, null), entryAt + ".after");
                if (after.compareTo(previous) <= 0 || after.compareTo(Delay.MAX) > 0) {
                    throw error(entryAt + ".after", "must be later than the entry before and at most P7D");
                }
            }
            previous = after;
            Unless unless = object.containsKey("unless") ? unless(object, entryAt) : Unless.SEEN;
            List<String> priorities = strings(object, "priorities", entryAt + ".priorities", List.of());
            priorities.stream()
                    .filter(p -> !EventParser.PRIORITIES.contains(p))
                    .findFirst()
                    .ifPresent(p -> {
                        throw error(entryAt + ".priorities", "\"" + p + "\" is not one of low, normal, high, critical");
                    });
            entries.add(new Fallback.Entry(channel, after, unless, Set.copyOf(priorities)));
        }
        return new Fallback(entries);
    }

    private Delay delay(JsonValue value, String at) {
        try {
            if (value instanceof JsonString text) {
                return Delay.of(duration(text.getString(), at));
            }
            if (value instanceof JsonObject object) {
                object.keySet().stream()
                        .filter(key -> !key.equals("until") && !key.equals("spread"))
                        .findFirst()
                        .ifPresent(key -> {
                            throw error(at + "." + key, "unknown field; a local time delay has until and spread");
                        });
                LocalTime until;
                try {
                    until = LocalTime.parse(string(object, "until", at, null), HH_MM);
                } catch (DateTimeParseException e) {
                    throw error(at + ".until", "must be a local time of day as HH:mm, such as 09:00");
                }
                Duration spread = object.containsKey("spread")
                        ? duration(string(object, "spread", at, null), at + ".spread")
                        : null;
                return Delay.until(until, spread);
            }
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(file + ": ")) {
                throw e;
            }
            throw error(at, e.getMessage());
        }
        throw error(at, "must be an ISO-8601 duration such as \"PT15M\" or {\"until\": \"09:00\"}");
    }

    private Duration duration(String text, String at) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw error(at, "must be an ISO-8601 duration such as PT15M or PT1H");
        }
    }

    private AggregationRule aggregation(JsonObject entry, String at) {
        String field = at + ".aggregation";
        JsonObject rule = object(entry, "aggregation", at);
        String groupBy = string(rule, "groupBy", field, "");
        Duration window;
        try {
            window = Duration.parse(string(rule, "window", field, null));
        } catch (DateTimeParseException e) {
            throw error(field + ".window", "must be an ISO-8601 duration such as PT5M or PT1H");
        }
        try {
            return new AggregationRule(
                    groupBy.isEmpty() ? null : groupBy,
                    groupBy.isEmpty() ? null : JsonFactory.PROVIDER.createPointer(groupBy),
                    window,
                    rule.getInt("maxActors", 3),
                    rule.getBoolean("readStartsNew", false));
        } catch (JsonException | IllegalArgumentException | ClassCastException e) {
            throw error(field, e.getMessage());
        }
    }

    private Map<ULocale, LocalizedTemplates> templates(
            JsonObject entry, String at, JsonObject schema, ULocale defaultLocale, Set<ULocale> locales) {
        Map<String, Boolean> fields = new HashMap<>();
        declaredFields(schema, "", true, fields);
        Map<ULocale, LocalizedTemplates> result = new LinkedHashMap<>();
        object(entry, "templates", at).forEach((tag, value) -> {
            String field = at + ".templates." + tag;
            ULocale locale = locale(tag, field);
            if (!locales.contains(locale)) {
                throw error(field, tag + " is not among the catalog's locales " + locales);
            }
            if (!(value instanceof JsonObject texts)) {
                throw error(field, "must be an object with title and body");
            }
            Template title = template(string(texts, "title", field, null), locale, field + ".title");
            Template body = template(string(texts, "body", field, ""), locale, field + ".body");
            checkArguments(title, fields, true, field + ".title");
            checkArguments(body, fields, false, field + ".body");
            result.put(locale, new LocalizedTemplates(locale, title, body));
        });
        if (!result.containsKey(defaultLocale)) {
            throw error(at + ".templates", "needs templates in the default locale " + defaultLocale.toLanguageTag());
        }
        return result;
    }

    private void checkArguments(Template template, Map<String, Boolean> fields, boolean required, String at) {
        for (String argument : template.arguments()) {
            if (COMPUTED_ARGUMENTS.contains(argument)) {
                continue;
            }
            Boolean alwaysThere = fields.get(argument);
            if (alwaysThere == null) {
                throw error(
                        at,
                        "uses {" + argument + "}, which the schema does not declare (data fields are named by"
                                + " their path joined with \"_\": {post_title} is data.post.title)");
            }
            if (required && !alwaysThere) {
                throw error(at, "uses {" + argument + "} in a title or subject, so the schema must require it");
            }
        }
    }

    /** The template argument names of the schema's properties, each with whether it is required all the way down. */
    private static void declaredFields(JsonObject schema, String prefix, boolean required, Map<String, Boolean> out) {
        if (!(schema.get("properties") instanceof JsonObject properties)) {
            return;
        }
        List<String> requiredNames = schema.get("required") instanceof JsonArray list
                ? list.getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList()
                : List.of();
        properties.forEach((name, property) -> {
            String argument = prefix.isEmpty() ? name : prefix + "_" + name;
            boolean alwaysThere = required && requiredNames.contains(name);
            out.put(argument, alwaysThere);
            if (property instanceof JsonObject nested) {
                declaredFields(nested, argument, alwaysThere, out);
            }
        });
    }

    private Template template(String pattern, ULocale locale, String at) {
        try {
            return Template.parse(pattern, locale);
        } catch (IllegalArgumentException e) {
            throw error(at, "not a valid ICU MessageFormat pattern: " + e.getMessage());
        }
    }

    private ULocale locale(String tag, String at) {
        ULocale locale = ULocale.forLanguageTag(tag);
        if (locale.getLanguage().isEmpty() || !locale.toLanguageTag().equalsIgnoreCase(tag)) {
            throw error(at, "\"" + tag + "\" is not a BCP 47 language tag");
        }
        return locale;
    }

    private JsonObject object(JsonObject parent, String name, String at) {
        JsonValue value = parent.get(name);
        String field = at.isEmpty() ? name : at + "." + name;
        if (!(value instanceof JsonObject object)) {
            throw error(field, value == null ? "is required" : "must be an object");
        }
        return object;
    }

    private String string(JsonObject parent, String name, String at, String fallback) {
        JsonValue value = parent.get(name);
        if (value == null && fallback != null) {
            return fallback;
        }
        if (!(value instanceof JsonString string) || string.getString().isBlank() && fallback == null) {
            throw error(at + "." + name, value == null ? "is required" : "must be a non-blank string");
        }
        return string.getString();
    }

    /** A string or an array of strings. */
    private List<String> strings(JsonObject parent, String name, String at, List<String> fallback) {
        JsonValue value = parent.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof JsonString one) {
            return List.of(one.getString());
        }
        if (value instanceof JsonArray array && array.stream().allMatch(JsonString.class::isInstance)) {
            return array.getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString)
                    .toList();
        }
        throw error(at, "must be a string or an array of strings");
    }

    private IllegalArgumentException error(String field, String problem) {
        return new IllegalArgumentException(file + ": " + (field.isEmpty() ? "" : field + ": ") + problem);
    }
}
