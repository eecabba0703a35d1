package dev.herald.ops.control;

import dev.herald.channel.control.DeliveryWorker;
import dev.herald.platform.control.JsonFactory;
import dev.herald.platform.control.Periodic;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.MetricID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Timer;

/**
 * Every instance writes what only it knows to {@code instance_report} every two seconds (live sockets, frames per
 * second, intake batches and records per second, the mean batch time, its consumers' lag, whether its intake holds),
 * so the console, asking any one instance, sees them all. Reports older than a minute are not shown, reports of
 * instances gone for a day are deleted; both by the database's clock, the one clock all instances share.
 */
@ApplicationScoped
public class InstanceReports {
    private static final Logger LOG = Logger.getLogger(InstanceReports.class.getName());
    static final long EVERY_SECONDS = 2;

    @Inject
    Periodic periodic;

    @Resource(lookup = "jdbc/herald")
    DataSource dataSource;

    @Inject
    MetricRegistry metrics;

    @Inject
    DeliveryWorker worker;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "herald.instance.id")
    String instance;

    /** One instance's report, as it wrote it. */
    public record Report(String instance, Instant reportedAt, JsonObject report) {}

    private Sample previous;

    /** Counters at one moment, to turn into rates. */
    private record Sample(long nanos, long frames, long batches, long records, Duration batchTime) {}

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        periodic.every(
                Duration.ofSeconds(1),
                Duration.ofSeconds(EVERY_SECONDS),
                "Writing this instance's report",
                LOG,
                this::report);
    }

    /** This instance's numbers now, with rates since the previous report. */
    synchronized JsonObject current() {
        Timer intakeBatches = metrics.getTimer(new MetricID("herald.intake.batch"));
        Sample now = new Sample(
                System.nanoTime(),
                count("herald.live.frames"),
                intakeBatches == null ? 0 : intakeBatches.getCount(),
                count("herald.intake.records"),
                intakeBatches == null ? Duration.ZERO : intakeBatches.getElapsedTime());
        Sample before = previous == null ? now : previous;
        previous = now;
        double seconds = Math.max(1e-3, (now.nanos() - before.nanos()) / 1e9);
        long batches = now.batches() - before.batches();
        double batchMillis =
                batches == 0 ? 0 : now.batchTime().minus(before.batchTime()).toNanos() / 1e6 / batches;
        return JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("sockets", gauge("herald.live.sockets"))
                .add("framesPerSecond", round((now.frames() - before.frames()) / seconds))
                .add(
                        "intake",
                        JsonFactory.PROVIDER
                                .createObjectBuilder()
                                .add("batchesPerSecond", round(batches / seconds))
                                .add("recordsPerSecond", round((now.records() - before.records()) / seconds))
                                .add("batchMillisAvg", round(batchMillis))
                                .add("records", now.records())
                                .add("lag", gauge("herald.intake.lag"))
                                .add("paused", gauge("herald.intake.paused") > 0))
                .add("deliveries", JsonFactory.PROVIDER.createObjectBuilder().add("lag", gauge("herald.live.lag")))
                .add("openBreakers", breakers())
                .build();
    }

    /** This instance's open circuit breakers: provider key and until when (for admins; readiness only counts them). */
    private JsonObjectBuilder breakers() {
        JsonObjectBuilder open = JsonFactory.PROVIDER.createObjectBuilder();
        worker.openBreakers().forEach((key, until) -> open.add(key, until.toString()));
        return open;
    }

    /** A counter of this application's registry; 0 before its feature registered it. */
    private long count(String name) {
        Counter counter = metrics.getCounter(new MetricID(name));
        return counter == null ? 0 : counter.getCount();
    }

    /** A numeric gauge of this application's registry; 0 before its feature registered it. */
    private long gauge(String name) {
        Gauge<?> gauge = metrics.getGauge(new MetricID(name));
        Number value = gauge == null ? null : gauge.getValue();
        return value == null ? 0 : value.longValue();
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    void report() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(
                        "INSERT INTO instance_report (instance, reported_at, report) VALUES (?, now(), CAST(? AS jsonb))"
                                + " ON CONFLICT (instance) DO UPDATE SET reported_at = EXCLUDED.reported_at,"
                                + " report = EXCLUDED.report")) {
            upsert.setString(1, instance);
            upsert.setString(2, current().toString());
            upsert.executeUpdate();
            try (PreparedStatement forget = connection.prepareStatement(
                    "DELETE FROM instance_report WHERE reported_at < now() - interval '1 day'")) {
                forget.executeUpdate(); // instances gone for a day (renamed pods, scaled down)
            }
        }
    }

    /** Every instance's last report of the last minute, by instance id. */
    public List<Report> recent() throws SQLException {
        List<Report> reports = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select =
                        connection.prepareStatement("SELECT instance, reported_at, report::text FROM instance_report"
                                + " WHERE reported_at > now() - interval '1 minute'"
                                + " ORDER BY instance")) {
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    try (JsonReader reader = JsonFactory.PROVIDER.createReader(new StringReader(rows.getString(3)))) {
                        reports.add(new Report(
                                rows.getString(1), rows.getTimestamp(2).toInstant(), reader.readObject()));
                    }
                }
            }
        }
        return reports;
    }
}
