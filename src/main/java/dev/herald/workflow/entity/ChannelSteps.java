package dev.herald.workflow.entity;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The steps a type's sends on one channel go through before they go: a delay, a batch window (aggregated types), what
 * cancels them meanwhile, and a throttle. A critical notification skips them all, as it skips mute, quiet hours and
 * digests.
 */
public record ChannelSteps(Delay delay, Batch batch, Unless unless, Throttle throttle) {
    /** The step a delayed row waits for, stored with it ({@code delivery.step}). */
    public static final String DELAY = "delay";

    public static final String BATCH = "batch";
    public static final String THROTTLE = "throttle";
    public static final String FALLBACK = "fallback";

    public ChannelSteps {
        if (delay == null && batch == null && throttle == null) {
            throw new IllegalArgumentException("a channel's steps need a delay, a batch or a throttle");
        }
        if (unless != null && delay == null && batch == null) {
            throw new IllegalArgumentException(
                    "unless needs a delay or a batch: nothing is read before a send at once");
        }
    }

    public static ChannelSteps delayed(Delay delay, Unless unless) {
        return new ChannelSteps(delay, null, unless, null);
    }

    public Optional<Unless> unlessCondition() {
        return Optional.ofNullable(unless);
    }

    /** When a send planned at {@code now} is due: the latest of the delay and the batch window; now if neither. */
    public Instant due(Instant now, ZoneId zone, String recipient) {
        Instant due = now;
        if (delay != null) {
            due = delay.due(now, zone, recipient);
        }
        if (batch != null && batch.firstDue(now).isAfter(due)) {
            due = batch.firstDue(now);
        }
        return due;
    }

    /** The step a delayed row waits for: the batch, else the delay, else the throttle (checked when it goes). */
    public String waitsFor() {
        return batch != null ? BATCH : delay != null ? DELAY : THROTTLE;
    }

    /** How the story says it: "workflow: waits PT15M, unless read". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (delay != null) {
            parts.add("waits " + delay.describe());
        }
        if (batch != null) {
            parts.add(batch.describe());
        }
        if (unless != null) {
            parts.add("unless " + unless.wire());
        }
        if (throttle != null) {
            parts.add("at most " + throttle.describe());
        }
        return "workflow: " + String.join(", ", parts);
    }
}
