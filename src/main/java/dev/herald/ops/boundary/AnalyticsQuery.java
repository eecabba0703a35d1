package dev.herald.ops.boundary;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The query parameters Bean Validation checks; from and to are parsed after. */
public record AnalyticsQuery(
        @Pattern(regexp = "hour|day", message = "must be hour or day") String bucket,
        @Size(min = 1, max = 200, message = "must be 1 to 200 characters")
                @Pattern(regexp = StoryResource.NO_NUL, message = "must not contain a NUL character")
                String type) {}
