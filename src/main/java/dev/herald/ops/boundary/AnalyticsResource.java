package dev.herald.ops.boundary;

import dev.herald.Roles;
import dev.herald.ops.control.Analytics;
import dev.herald.ops.entity.AnalyticsReport;
import dev.herald.ops.entity.AnalyticsWindow;
import dev.herald.ops.entity.InvalidWindowException;
import dev.herald.platform.boundary.Problem;
import dev.herald.platform.boundary.ProblemException;
import dev.herald.platform.boundary.RequestBodies;
import dev.herald.platform.control.JsonFactory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/admin/analytics?from=&to=&bucket=hour|day&type=}: what came in, was stored, seen and read, and what
 * each channel delivered, failed, gave up, and held or cancelled by workflow steps, per UTC hour or day (the last 24 hours by default, at most 400 buckets).
 */
@Path("admin/analytics")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "For operators (role: admin).")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "400", ref = "BadRequest")
public class AnalyticsResource {
    @Inject
    Analytics analytics;

    @Inject
    RequestBodies bodies;

    @GET
    @Operation(
            operationId = "getAnalytics",
            summary = "Counts per hour or day: events in, stored, seen, read; per channel and per type",
            description = "eventsIn counts notifications created plus events aggregated into existing ones (one per"
                    + " recipient); each series counts by its own time (created, seen, read, delivered, attempt"
                    + " started, dead). type narrows every count to notifications of that type. readRate is read /"
                    + " stored within the window; medianSecondsToRead runs from creation to reading.")
    @APIResponse(responseCode = "200", description = "The counts; a rate or median with no data is null.")
    public JsonObject analytics(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("bucket") String bucket,
            @QueryParam("type") String type) {
        bodies.checkParameters(new AnalyticsQuery(bucket, type));
        List<Problem.FieldError> errors = new ArrayList<>();
        Instant start = instant("from", from, errors);
        Instant end = instant("to", to, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("A query parameter is not valid.", errors));
        }
        AnalyticsWindow window;
        try {
            window = analytics.window(
                    start,
                    end,
                    bucket == null
                            ? AnalyticsWindow.Bucket.HOUR
                            : AnalyticsWindow.Bucket.of(bucket).orElseThrow());
        } catch (InvalidWindowException e) {
            throw new ProblemException(Problem.invalid(
                    "A query parameter is not valid.",
                    List.of(Problem.FieldError.parameter(e.parameter(), e.getMessage()))));
        }
        return toJson(analytics.report(window, type));
    }

    private static Instant instant(String name, String value, List<Problem.FieldError> errors) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(Problem.FieldError.parameter(name, "must be an RFC 3339 instant"));
            return null;
        }
    }

    static JsonObject toJson(AnalyticsReport report) {
        AnalyticsWindow window = report.window();
        JsonArrayBuilder buckets = JsonFactory.PROVIDER.createArrayBuilder();
        window.starts().forEach(at -> buckets.add(at.toString()));
        JsonObjectBuilder channels = JsonFactory.PROVIDER.createObjectBuilder();
        report.channels().forEach((channel, series) -> channels.add(channel, series(series)));
        JsonArrayBuilder types = JsonFactory.PROVIDER.createArrayBuilder();
        for (AnalyticsReport.TypeRow row : report.types()) {
            JsonObjectBuilder json = JsonFactory.PROVIDER
                    .createObjectBuilder()
                    .add("type", row.type())
                    .add("eventsIn", row.eventsIn())
                    .add("stored", row.stored())
                    .add("seen", row.seen())
                    .add("read", row.read());
            number(json, "readRate", row.readRate());
            number(json, "medianSecondsToRead", row.medianSecondsToRead());
            types.add(json);
        }
        JsonObjectBuilder json = JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("from", window.from().toString())
                .add("to", window.to().toString())
                .add("bucket", window.bucket().wire());
        if (report.type() == null) {
            json.addNull("type");
        } else {
            json.add("type", report.type());
        }
        json.add("buckets", buckets)
                .add("series", series(report.series()))
                .add("channels", channels)
                .add("types", types);
        number(json, "readRate", report.readRate());
        number(json, "medianSecondsToRead", report.medianSecondsToRead());
        return json.build();
    }

    private static JsonObject series(Map<String, List<Long>> series) {
        JsonObjectBuilder json = JsonFactory.PROVIDER.createObjectBuilder();
        series.forEach((name, counts) -> {
            JsonArrayBuilder list = JsonFactory.PROVIDER.createArrayBuilder();
            counts.forEach(list::add);
            json.add(name, list);
        });
        return json.build();
    }

    private static void number(JsonObjectBuilder json, String name, Double value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }
}
