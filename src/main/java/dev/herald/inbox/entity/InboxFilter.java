package dev.herald.inbox.entity;

/**
 * Which notifications of an inbox a page shows; {@code null} means either. The default shows the inbox proper: not
 * archived, not snoozed.
 */
public record InboxFilter(Boolean read, Boolean seen, Boolean archived, Boolean snoozed, String category, String type) {
    public static final InboxFilter INBOX = new InboxFilter(null, null, false, false, null, null);
}
