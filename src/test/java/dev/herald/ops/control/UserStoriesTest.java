package dev.herald.ops.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class UserStoriesTest {
    @Test
    void theUsersZoneOrUtc() {
        assertThat(UserStories.zone("Europe/Berlin")).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(UserStories.zone(null)).isEqualTo(ZoneOffset.UTC);
        assertThat(UserStories.zone("Mars/Olympus")).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void idsAsAQuotedArrayLiteral() {
        assertThat(dev.herald.platform.control.SqlValues.textArray(List.of("n1", "a\"b", "c\\d")))
                .isEqualTo("{\"n1\",\"a\\\"b\",\"c\\\\d\"}");
    }
}
