package dev.herald.channel.boundary;

import dev.herald.channel.entity.DeadLetterView;
import java.util.List;

/** {@code GET /api/admin/dead-letters}: dead letters, newest first. */
public record DeadLetterList(List<DeadLetterView> items) {}
