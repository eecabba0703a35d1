package dev.herald.push.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Which subscription to remove: the browser's endpoint. */
public record UnsubscribeRequest(
        @NotBlank(message = "is required: the push service's endpoint URL")
                @Size(max = 2000, message = "must be at most 2000 characters")
                String endpoint) {}
