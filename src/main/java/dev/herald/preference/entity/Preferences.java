package dev.herald.preference.entity;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One user's choices of what reaches them and when: channels on or off (everywhere, or per category; what the user
 * did not choose follows the catalog), a global mute, quiet hours and a digest cadence per channel. Decides, for a
 * notification and a channel, whether it goes now, waits, or does not go.
 */
public record Preferences(
        boolean muted,
        Map<Channel, Boolean> channels,
        Map<String, Map<Channel, Boolean>> categories,
        QuietHours quietHours,
        Map<Channel, Digest> digests) {
    public static final Preferences DEFAULTS = new Preferences(false, Map.of(), Map.of(), null, Map.of());

    public Preferences {
        channels = Map.copyOf(channels);
        categories = categories.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Map.copyOf(e.getValue())));
        digests = Map.copyOf(digests);
    }

    /** Whether the user lets {@code channel} be used at all (default: yes). */
    public boolean enabled(Channel channel) {
        return channels.getOrDefault(channel, true);
    }

    /** Whether {@code channel} is on for {@code category}: the user's choice, else {@code byDefault}. */
    public boolean enabled(String category, Channel channel, boolean byDefault) {
        return Optional.ofNullable(categories.get(category))
                .map(choices -> choices.get(channel))
                .orElse(byDefault);
    }

    public Digest digest(Channel channel) {
        return digests.getOrDefault(channel, Digest.OFF);
    }

    /**
     * The decisions for one notification on the in-app inbox and every channel its type uses, taken once at intake:
     * the inbox's toast and the deliveries the planner writes follow the same decision.
     */
    public Map<Channel, Decision> decideAll(Notice notice, Instant now, ZoneId zone) {
        Map<Channel, Decision> decisions = new EnumMap<>(Channel.class);
        decisions.put(Channel.IN_APP, decide(Channel.IN_APP, notice, now, zone));
        for (Channel channel : notice.channels()) {
            decisions.computeIfAbsent(channel, c -> decide(c, notice, now, zone));
        }
        return decisions;
    }

    /**
     * The decision for one notification on one channel at {@code now} in the user's {@code zone}. Skipped when its type
     * does not use the channel or the user turned it off (everywhere or for the category). Otherwise critical goes now,
     * whatever the mute, quiet hours and digests, and so do webhooks (they feed integrations). Else, while muted, held
     * until the user unmutes (skipped in the app, which stores it silently); on a channel with a digest, held to the
     * next digest (moved out of quiet hours); in quiet hours, held to their end; or delivered now. The in-app inbox
     * stores every notification whatever this says; a decision other than deliver only keeps it from being announced
     * as a toast.
     */
    public Decision decide(Channel channel, Notice notice, Instant now, ZoneId zone) {
        String name = channel.wire();
        boolean typeUses = channel == Channel.IN_APP || notice.channels().contains(channel);
        if (!typeUses) {
            return Decision.skip("its type is not sent by " + name);
        }
        if (!enabled(channel)) {
            return Decision.skip("you turned " + name + " off");
        }
        if (!enabled(notice.category(), channel, true)) {
            return Decision.skip("you turned " + name + " off for " + notice.category());
        }
        if (notice.critical()) {
            return Decision.deliver("critical: goes through mute, quiet hours and digests");
        }
        if (channel == Channel.WEBHOOK) {
            return Decision.deliver("webhooks feed integrations: no mute, quiet hours or digest");
        }
        if (muted) {
            // the inbox keeps it (silently); other channels hold it until the user unmutes, never drop it
            return channel == Channel.IN_APP
                    ? Decision.skip("you muted all notifications")
                    : Decision.holdWhileMuted("muted: held until you unmute");
        }
        if (channel != Channel.IN_APP) {
            // a digest first: its time is already moved out of quiet hours, and what waits for it goes in it
            Digest digest = digest(channel);
            Optional<Instant> next = digest.next(now, zone);
            if (next.isPresent()) {
                Instant at = quietUntil(next.get(), zone).orElse(next.get());
                return Decision.digest(at, digest.cadence().wire() + " digest");
            }
        }
        Optional<Instant> quietUntil = quietUntil(now, zone);
        if (quietUntil.isPresent()) {
            return Decision.hold(quietUntil.get(), "quiet hours");
        }
        return Decision.deliver("your preferences allow it");
    }

    private Optional<Instant> quietUntil(Instant at, ZoneId zone) {
        return quietHours == null ? Optional.empty() : quietHours.endOfWindowAt(at, zone);
    }
}
