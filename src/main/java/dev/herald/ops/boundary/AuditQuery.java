package dev.herald.ops.boundary;

import dev.herald.platform.boundary.RequestBodies;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The query parameters, checked with Bean Validation. */
public record AuditQuery(
        @Size(max = 60, message = "must be at most 60 characters")
                @Pattern(regexp = RequestBodies.NO_NUL, message = "must not contain a NUL character")
                String action,
        @Size(max = 200, message = "must be at most 200 characters")
                @Pattern(regexp = RequestBodies.NO_NUL, message = "must not contain a NUL character")
                String actor,
        @Pattern(regexp = "[1-9][0-9]{0,2}|1000", message = "must be a whole number from 1 to 1000") String limit) {}
