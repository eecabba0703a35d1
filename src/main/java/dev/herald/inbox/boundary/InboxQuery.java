package dev.herald.inbox.boundary;

import dev.herald.inbox.entity.InboxFilter;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The query parameters of {@code GET /api/notifications}, as sent; checked with Bean Validation. */
record InboxQuery(
        @Pattern(regexp = "[1-9][0-9]?|100", message = "must be a whole number from 1 to 100") String limit,
        @Size(max = 200, message = "is not a cursor this inbox gave out") String cursor,
        @Pattern(regexp = BOOLEAN, message = "must be true or false") String read,
        @Pattern(regexp = BOOLEAN, message = "must be true or false") String unread,
        @Pattern(regexp = BOOLEAN, message = "must be true or false") String seen,
        @Pattern(regexp = BOOLEAN, message = "must be true or false") String archived,
        @Pattern(regexp = BOOLEAN, message = "must be true or false") String snoozed,
        @Pattern(regexp = NAME, message = "must be a category name") String category,
        @Pattern(regexp = NAME, message = "must be an event type") String type) {
    static final String BOOLEAN = "true|false";
    static final String NAME = "[A-Za-z0-9_.:-]{1,200}";

    int pageSize() {
        return limit == null ? 20 : Integer.parseInt(limit);
    }

    /** {@code unread} is the opposite of {@code read}; both at once must agree. */
    boolean contradictory() {
        return read != null && unread != null && read.equals(unread);
    }

    /** The filter: by default the inbox proper (not archived, not snoozed); {@code unread=true} is {@code read=false}. */
    InboxFilter filter() {
        Boolean readState =
                read != null ? Boolean.valueOf(read) : unread != null ? !Boolean.parseBoolean(unread) : null;
        return new InboxFilter(
                readState,
                seen == null ? null : Boolean.valueOf(seen),
                archived == null ? Boolean.FALSE : Boolean.valueOf(archived),
                snoozed == null ? Boolean.FALSE : Boolean.valueOf(snoozed),
                category,
                type);
    }
}
