package dev.herald.ops.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnalyticsTest {
    @Test
    void everyBranchIsNarrowedToTheTypeOnlyWhenOneIsAsked() {
        assertThat(Analytics.sql(false)).doesNotContain("?5");
        // stored, absorbed, seen, read on the notification; delivered, failed, dead through it
        assertThat(Analytics.sql(true).split("n\\.type = \\?5", -1)).hasSize(8);
    }

    @Test
    void eachMetricCountsByItsOwnTimeWithinTheWindow() {
        String sql = Analytics.sql(false);
        for (String column : new String[] {
            "n.created_at", "a.absorbed_at", "n.seen_at", "n.read_at", "d.updated_at", "t.started_at", "l.dead_at"
        }) {
            assertThat(sql).contains(column + " >= ?3 AND " + column + " < ?4");
        }
    }
}
