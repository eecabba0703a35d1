package dev.herald.inbox.boundary;

import jakarta.validation.constraints.Pattern;

/** The query parameters of read-all and seen-all. */
public record MarkAllQuery(
        @Pattern(regexp = InboxQuery.NAME, message = "must be a category name") String category,
        @Pattern(regexp = "[1-9][0-9]{0,17}", message = "must be a seq: a whole number from 1") String upToSeq) {}
