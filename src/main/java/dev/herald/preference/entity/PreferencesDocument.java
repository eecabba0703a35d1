package dev.herald.preference.entity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Preferences as JSON, in one place: the body of {@code PUT /api/preferences}, what {@code GET} answers, and what is
 * stored (only what the user chose; the rest follows the catalog). Shape checked with Bean Validation; what depends on
 * the catalog (known categories) and across fields is checked by the resource.
 */
public record PreferencesDocument(
        Boolean muted,
        Map<
                        @Pattern(regexp = Channel.PATTERN, message = CHANNELS) String,
                        @NotNull(message = "must be true or false") Boolean>
                channels,
        Map<
                        @Pattern(regexp = NAME, message = "must be a category name") String,
                        @NotNull(message = "must be an object of channels") Map<
                                @Pattern(regexp = Channel.PATTERN, message = CHANNELS) String,
                                @NotNull(message = "must be true or false") Boolean>>
                categories,
        @Valid QuietHoursDocument quietHours,
        Map<
                        @Pattern(regexp = Channel.PATTERN, message = CHANNELS) String,
                        @NotNull(message = "must be an object") @Valid DigestDocument>
                digest) {
    static final String CHANNELS = "must be one of in_app, email, push, sms, webhook";
    static final String NAME = "[A-Za-z0-9_.:-]{1,100}";
    static final String TIME = "([01][0-9]|2[0-3]):[0-5][0-9]";

    /** Quiet hours: the days the window starts on, and local start and end times (HH:mm). */
    public record QuietHoursDocument(
            @NotNull(message = "is required: the days the quiet hours start on")
                    @Size(min = 1, max = 7, message = "must name 1 to 7 days")
                    List<
                                    @NotNull
                                    @Pattern(
                                            regexp = "mon|tue|wed|thu|fri|sat|sun",
                                            message = "must be mon, tue, wed, thu, fri, sat or sun")
                                    String>
                            days,
            @NotNull(message = "is required") @Pattern(regexp = TIME, message = "must be a local time HH:mm")
                    String start,
            @NotNull(message = "is required") @Pattern(regexp = TIME, message = "must be a local time HH:mm")
                    String end) {}

    /** A channel's digest: {@code off}, {@code hourly}, or {@code daily} at a local time (HH:mm). */
    public record DigestDocument(
            @NotNull(message = "is required")
                    @Pattern(regexp = "off|hourly|daily", message = "must be off, hourly or daily")
                    String cadence,
            @Pattern(regexp = TIME, message = "must be a local time HH:mm") String at) {}

    /** The same choices with {@code channel} turned on or off for {@code category} (the one-click unsubscribe). */
    public PreferencesDocument withCategoryChannel(String category, Channel channel, boolean on) {
        Map<String, Map<String, Boolean>> changed = new TreeMap<>(categories == null ? Map.of() : categories);
        Map<String, Boolean> choices = new TreeMap<>(changed.getOrDefault(category, Map.of()));
        choices.put(channel.wire(), on);
        changed.put(category, choices);
        return new PreferencesDocument(muted, channels, changed, quietHours, digest);
    }

    /** The preferences this document chose; it passed validation. */
    public Preferences toPreferences() {
        Map<Channel, Boolean> channelChoices = channels(channels);
        Map<String, Map<Channel, Boolean>> categoryChoices = new TreeMap<>();
        if (categories != null) {
            categories.forEach((category, choices) -> categoryChoices.put(category, channels(choices)));
        }
        Map<Channel, Digest> digests = new TreeMap<>();
        if (digest != null) {
            digest.forEach((channel, d) -> digests.put(Channel.of(channel).orElseThrow(), digest(d)));
        }
        return new Preferences(
                Boolean.TRUE.equals(muted), channelChoices, categoryChoices, chosenQuietHours(), digests);
    }

    private QuietHours chosenQuietHours() {
        if (quietHours == null) {
            return null;
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        quietHours.days().forEach(day -> days.add(DAYS.get(day)));
        return new QuietHours(days, LocalTime.parse(quietHours.start()), LocalTime.parse(quietHours.end()));
    }

    private static Digest digest(DigestDocument d) {
        Digest.Cadence cadence = Digest.Cadence.valueOf(d.cadence().toUpperCase(Locale.ROOT));
        return new Digest(cadence, cadence == Digest.Cadence.DAILY ? LocalTime.parse(d.at()) : null);
    }

    private static Map<Channel, Boolean> channels(Map<String, Boolean> choices) {
        Map<Channel, Boolean> map = new TreeMap<>();
        if (choices != null) {
            choices.forEach((name, on) -> map.put(Channel.of(name).orElseThrow(), on));
        }
        return map;
    }

    /**
     * The document showing {@code preferences} in full: every channel, every category with the channels it uses
     * ({@code categoryChannels}, from the catalog) and any the user chose, every channel's digest.
     */
    public static PreferencesDocument effective(Preferences preferences, Map<String, Set<Channel>> categoryChannels) {
        Map<String, Boolean> channels = new LinkedHashMap<>();
        for (Channel channel : Channel.values()) {
            channels.put(channel.wire(), preferences.enabled(channel));
        }
        Map<String, Map<String, Boolean>> categories = new TreeMap<>();
        Set<String> names = new TreeSet<>(categoryChannels.keySet());
        names.addAll(preferences.categories().keySet());
        for (String category : names) {
            Set<Channel> used = EnumSet.noneOf(Channel.class);
            used.addAll(categoryChannels.getOrDefault(category, Set.of()));
            used.addAll(
                    preferences.categories().getOrDefault(category, Map.of()).keySet());
            Map<String, Boolean> choices = new LinkedHashMap<>();
            used.forEach(c -> choices.put(c.wire(), preferences.enabled(category, c, true)));
            categories.put(category, choices);
        }
        Map<String, DigestDocument> digests = new LinkedHashMap<>();
        for (Channel channel : Channel.values()) {
            if (channel != Channel.IN_APP) {
                Digest d = preferences.digest(channel);
                digests.put(
                        channel.wire(),
                        new DigestDocument(d.cadence().wire(), d.at() == null ? null : d.at().toString()));
            }
        }
        QuietHours quiet = preferences.quietHours();
        QuietHoursDocument quietHours = quiet == null
                ? null
                : new QuietHoursDocument(
                        quiet.days().stream()
                                .sorted()
                                .map(d -> d.name().substring(0, 3).toLowerCase(Locale.ROOT))
                                .toList(),
                        quiet.start().toString(),
                        quiet.end().toString());
        return new PreferencesDocument(preferences.muted(), channels, categories, quietHours, digests);
    }

    private static final Map<String, DayOfWeek> DAYS = Map.of(
            "mon", DayOfWeek.MONDAY,
            "tue", DayOfWeek.TUESDAY,
            "wed", DayOfWeek.WEDNESDAY,
            "thu", DayOfWeek.THURSDAY,
            "fri", DayOfWeek.FRIDAY,
            "sat", DayOfWeek.SATURDAY,
            "sun", DayOfWeek.SUNDAY);
}
