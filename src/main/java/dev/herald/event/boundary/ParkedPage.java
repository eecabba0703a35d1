package dev.herald.event.boundary;

import java.util.List;

/** {@code GET /api/admin/parked-events}: the newest parked records that match, and how many match in all. */
public record ParkedPage(List<ParkedView> items, long total) {}
