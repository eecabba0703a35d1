package dev.herald.inbox.boundary;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/** {@code POST /api/notifications/bulk}: one action on up to 100 notifications; {@code until} for a snooze. */
public record BulkRequest(
        @NotNull(message = "is required")
                @Pattern(
                        regexp = "read|unread|seen|archive|unarchive|snooze|unsnooze|delete",
                        message = "must be read, unread, seen, archive, unarchive, snooze, unsnooze or delete")
                String action,
        @NotNull(message = "is required") @Size(min = 1, max = 100, message = "must name 1 to 100 notifications")
                List<
                                @NotBlank(message = "must be a notification id")
                                @Size(max = 64, message = "must be a notification id")
                                @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must be a notification id") String>
                        ids,
        Instant until) {}
