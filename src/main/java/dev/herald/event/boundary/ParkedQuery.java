package dev.herald.event.boundary;

import dev.herald.platform.boundary.RequestBodies;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The query parameters, checked with Bean Validation. */
public record ParkedQuery(
        @Pattern(regexp = "[1-9][0-9]?|[1-4][0-9]{2}|500", message = "must be a whole number from 1 to 500")
                String limit,
        @Size(max = 200, message = "must be at most 200 characters")
                @Pattern(regexp = RequestBodies.NO_NUL, message = "must not contain a NUL character")
                String reason) {}
