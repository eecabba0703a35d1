package dev.herald.event.boundary;

/** {@code POST /api/admin/parked-events/discard}: how many parked records were deleted. */
public record Discarded(int discarded) {}
