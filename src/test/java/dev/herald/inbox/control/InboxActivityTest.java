package dev.herald.inbox.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InboxActivityTest {
    @Test
    void everyBranchIsNarrowedToTheTypeOnlyWhenOneIsAsked() {
        assertThat(InboxActivity.sql(false)).doesNotContain("?5");
        // stored, absorbed, seen, read on the notification
        assertThat(InboxActivity.sql(true).split("n\\.type = \\?5", -1)).hasSize(5);
    }

    @Test
    void eachMetricCountsByItsOwnTimeWithinTheWindow() {
        String sql = InboxActivity.sql(false);
        for (String column : new String[] {"n.created_at", "a.absorbed_at", "n.seen_at", "n.read_at"}) {
            assertThat(sql).contains(column + " >= ?3 AND " + column + " < ?4");
        }
    }
}
