package dev.herald.push.boundary;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What {@code PushSubscription.toJSON()} gives in the browser: the push service's endpoint and the keys. */
public record SubscriptionRequest(
        @NotBlank(message = "is required: the push service's endpoint URL")
                @Size(max = 2000, message = "must be at most 2000 characters")
                String endpoint,
        Long expirationTime,
        @NotNull(message = "is required: {p256dh, auth}") @Valid Keys keys) {
    /** The subscription's public key and auth secret, base64url. */
    public record Keys(
            @NotBlank(message = "is required") @Size(max = 120, message = "must be at most 120 characters")
                    String p256dh,
            @NotBlank(message = "is required") @Size(max = 40, message = "must be at most 40 characters")
                    String auth) {}
}
