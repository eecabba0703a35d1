package dev.herald.inbox.boundary;

import dev.herald.inbox.control.Inbox;
import java.util.List;

/** {@code POST /api/notifications/bulk}: how many changed, and which ids the user has no notification with. */
public record BulkResult(int changed, List<String> notFound) {
    static BulkResult of(Inbox.BulkResult result) {
        return new BulkResult(result.changed(), result.notFound());
    }
}
