package dev.herald.channel.boundary;

import dev.herald.platform.boundary.RequestBodies;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** Which dead letters a replay or discard applies to: ids, or a channel / time range / error text (all optional). */
public record DeadLetterFilter(
        @Size(max = 1000, message = "must list at most 1000 ids")
                List<@Size(max = 40) @Pattern(regexp = RequestBodies.NO_NUL) String> ids,
        @Pattern(regexp = "email|push|sms|webhook", message = "must be email, push, sms or webhook") String channel,
        Instant from,
        Instant to,
        @Size(max = 200, message = "must be at most 200 characters")
                @Pattern(regexp = RequestBodies.NO_NUL, message = "must not contain a NUL character")
                String error) {}
