package dev.herald.inbox.boundary;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;

/**
 * {@code GET /api/notifications}: a page of the inbox, newest first, each notification in its one view
 * ({@code NotificationView}); {@code nextCursor} continues the walk, null on the last page.
 */
public record InboxPageView(List<JsonObject> items, @JsonbNillable String nextCursor) {}
