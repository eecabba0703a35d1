package dev.herald.event.boundary;

import dev.herald.platform.boundary.RequestBodies;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** Which parked records a replay or discard takes: ids, or reason text and parking time. */
public record ParkedSelection(
        @Size(max = 1000, message = "must list at most 1000 ids")
                List<@Size(max = 40) @Pattern(regexp = RequestBodies.NO_NUL) String> ids,
        @Size(max = 200, message = "must be at most 200 characters")
                @Pattern(regexp = RequestBodies.NO_NUL, message = "must not contain a NUL character")
                String reason,
        Instant from,
        Instant to) {}
