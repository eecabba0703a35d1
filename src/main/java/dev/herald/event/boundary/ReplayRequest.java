package dev.herald.event.boundary;

import dev.herald.platform.boundary.RequestBodies;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** The window and what of it. */
public record ReplayRequest(
        @NotNull(message = "is required (an RFC 3339 instant)") Instant from,
        @NotNull(message = "is required (an RFC 3339 instant)") Instant to,
        @Size(min = 1, max = 200, message = "must be 1 to 200 characters")
                @Pattern(regexp = RequestBodies.NO_NUL, message = "must not contain a NUL character")
                String user,
        @Size(min = 1, max = 200, message = "must be 1 to 200 characters")
                @Pattern(regexp = RequestBodies.NO_NUL, message = "must not contain a NUL character")
                String type) {}
