package dev.herald.ops.boundary;

import dev.herald.ops.control.AuditEntries;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/admin/audit}: the newest audit entries that match; a change without a target has an empty one. */
public record AuditPage(List<Item> items) {
    /** One entry: when, who, what, on what, and the details the action recorded. */
    public record Item(long id, Instant at, String actor, String action, String target, JsonObject details) {
        static Item of(AuditEntries.Entry e) {
            return new Item(e.id(), e.at(), e.actor(), e.action(), e.target() == null ? "" : e.target(), e.details());
        }
    }
}
