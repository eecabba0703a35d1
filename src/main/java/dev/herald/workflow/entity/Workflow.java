package dev.herald.workflow.entity;

import static java.util.Objects.requireNonNull;

import dev.herald.preference.entity.Channel;
import java.util.Map;
import java.util.Optional;

/**
 * What one event type's sends go through, per channel besides the inbox, and the order of channels to fall back
 * through; {@link #NONE} for most types.
 */
public record Workflow(Map<Channel, ChannelSteps> channels, Fallback fallback) {
    public static final Workflow NONE = new Workflow(Map.of(), Fallback.NONE);

    public Workflow {
        channels = Map.copyOf(channels);
        requireNonNull(fallback);
        if (channels.containsKey(Channel.IN_APP)) {
            throw new IllegalArgumentException("the inbox has no workflow steps");
        }
    }

    public Workflow(Map<Channel, ChannelSteps> channels) {
        this(channels, Fallback.NONE);
    }

    /** The steps for a channel, when a notification of this priority goes through them (critical never does). */
    public Optional<ChannelSteps> steps(Channel channel, boolean critical) {
        return critical ? Optional.empty() : Optional.ofNullable(channels.get(channel));
    }

    public boolean isEmpty() {
        return channels.isEmpty() && fallback.isEmpty();
    }
}
