package dev.herald.inbox.entity;

import java.util.List;

/**
 * Every inbox change of one transaction, fired as one CDI event inside it and observed after it committed, so the
 * live path publishes one delivery for a whole intake batch rather than one per user.
 */
public record InboxChanges(List<InboxChanged> changes) {
    public InboxChanges {
        changes = List.copyOf(changes);
    }

    public static InboxChanges of(InboxChanged change) {
        return new InboxChanges(List.of(change));
    }
}
