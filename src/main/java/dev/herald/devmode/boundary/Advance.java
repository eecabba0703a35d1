package dev.herald.devmode.boundary;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** How far to move the clock. */
public record Advance(
        @NotNull(message = "is required")
                @Min(value = 0, message = "must not be negative")
                @Max(value = 3_153_600_000L, message = "must be at most 100 years")
                Long advanceSeconds) {}
