package dev.herald.ops.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.ops.entity.AnalyticsReport;
import dev.herald.ops.entity.AnalyticsWindow;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnalyticsResourceTest {
    @Test
    void theReportAsTheContractShowsIt() {
        AnalyticsWindow window = new AnalyticsWindow(
                Instant.parse("2026-11-29T18:30:00Z"),
                Instant.parse("2026-11-29T20:00:00Z"),
                AnalyticsWindow.Bucket.HOUR);
        AnalyticsReport.Tally tally = new AnalyticsReport.Tally(window, null, List.of("email"));
        tally.bucket(AnalyticsReport.STORED, null, 1, 6);
        tally.bucket(AnalyticsReport.DELIVERED, "email", 0, 2);
        tally.byType(AnalyticsReport.STORED, "job.status.updated", 6, null);
        tally.byType(AnalyticsReport.READ, "job.status.updated", 3, 95.0);
        tally.total(AnalyticsReport.STORED, 6, null);

        JsonObject json = AnalyticsResource.toJson(tally.report());

        assertThat(json.getString("from")).isEqualTo("2026-11-29T18:30:00Z");
        assertThat(json.getString("bucket")).isEqualTo("hour");
        assertThat(json.isNull("type")).isTrue();
        assertThat(json.getJsonArray("buckets").getValuesAs(jakarta.json.JsonString::getString))
                .containsExactly("2026-11-29T18:00:00Z", "2026-11-29T19:00:00Z");
        assertThat(json.getJsonObject("series").getJsonArray("eventsIn").toString())
                .isEqualTo("[0,6]");
        assertThat(json.getJsonObject("channels").getJsonObject("email").toString())
                .isEqualTo(
                        "{\"delivered\":[2,0],\"failed\":[0,0],\"dead\":[0,0],\"delayed\":[0,0],\"cancelled\":[0,0]}");
        JsonObject type = json.getJsonArray("types").getJsonObject(0);
        assertThat(type.getString("type")).isEqualTo("job.status.updated");
        assertThat(type.getJsonNumber("readRate").doubleValue()).isEqualTo(0.5);
        assertThat(type.getJsonNumber("medianSecondsToRead").doubleValue()).isEqualTo(95.0);
        assertThat(json.getJsonNumber("readRate").doubleValue()).isEqualTo(0.0);
        assertThat(json.isNull("medianSecondsToRead")).isTrue();
    }
}
