package dev.herald.webhook.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body that registers or changes a webhook endpoint. */
public record WebhookRequest(
        @NotBlank(message = "is required: the https URL Herald posts to")
                @Size(max = 2000, message = "must be at most 2000 characters")
                String url,
        @Size(max = 200, message = "must be at most 200 characters") String description) {}
