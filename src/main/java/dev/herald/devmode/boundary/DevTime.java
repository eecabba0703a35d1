package dev.herald.devmode.boundary;

import java.time.Instant;

/** {@code POST /api/dev/clock}: the dev clock's time now, and how far it is ahead of the real one. */
public record DevTime(Instant now, long offsetSeconds) {}
