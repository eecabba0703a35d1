package dev.herald.inbox.boundary;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/** {@code POST /api/notifications/{id}/snooze}: hidden until {@code until} (an RFC 3339 instant, at most a year ahead). */
public record SnoozeRequest(@NotNull(message = "is required: when the notification comes back") Instant until) {}
