package dev.herald.platform.control;

import static dev.herald.testing.Herald.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.Herald;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class HealthIT {
    @Test
    void readyAndLiveWhenKafkaAndPostgresAnswer() throws Exception {
        Herald herald = Herald.shared();
        HttpResponse<String> ready = herald.get("/health/ready", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        JsonObject data = json(ready).getJsonArray("checks").getJsonObject(0).getJsonObject("data");
        assertThat(data.getBoolean("postgresql")).isTrue();
        assertThat(data.getBoolean("kafka")).isTrue();
        assertThat(data.getBoolean("schema")).isTrue();
        assertThat(herald.get("/health/live", null).statusCode()).isEqualTo(200);
    }
}
