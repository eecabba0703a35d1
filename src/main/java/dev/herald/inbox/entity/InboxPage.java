package dev.herald.inbox.entity;

import java.util.List;

/** One page of an inbox, newest first, and where the next page starts (null at the end). */
public record InboxPage(List<Notification> items, InboxCursor next) {
    public InboxPage {
        items = List.copyOf(items);
    }
}
