package dev.herald.channel.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryActivityTest {
    @Test
    void everyBranchIsNarrowedToTheTypeOnlyWhenOneIsAsked() {
        assertThat(DeliveryActivity.sql(false)).doesNotContain("?5");
        // delivered, failed, dead through the notification
        assertThat(DeliveryActivity.sql(true).split("n\\.type = \\?5", -1)).hasSize(6);
    }

    @Test
    void eachMetricCountsByItsOwnTimeWithinTheWindow() {
        String sql = DeliveryActivity.sql(false);
        for (String column : new String[] {"d.updated_at", "t.started_at", "l.dead_at"}) {
            assertThat(sql).contains(column + " >= ?3 AND " + column + " < ?4");
        }
    }
}
