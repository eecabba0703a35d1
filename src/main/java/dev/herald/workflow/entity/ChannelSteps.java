package dev.herald.workflow.entity;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The steps a type's sends on one channel go through before they go: a delay, and what cancels them meanwhile. A
 * critical notification skips them, as it skips mute, quiet hours and digests.
 */
public record ChannelSteps(Delay delay, Unless unless) {
    public ChannelSteps {
        requireNonNull(delay);
    }

    public Optional<Unless> unlessCondition() {
        return Optional.ofNullable(unless);
    }

    /** How the story says it: "workflow: waits PT15M, unless read". */
    public String describe() {
        return "workflow: waits " + delay.describe() + (unless == null ? "" : ", unless " + unless.wire());
    }
}
