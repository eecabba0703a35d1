package dev.herald.event.boundary;

import jakarta.validation.constraints.NotNull;

/** {@code {"paused": true}} */
public record IntakeChange(@NotNull(message = "must be true or false") Boolean paused) {}
