package dev.herald.ops.boundary;

import dev.herald.Roles;
import dev.herald.event.boundary.IntakeState;
import dev.herald.ops.control.Flow;
import dev.herald.ops.control.InstanceReports;
import dev.herald.ops.entity.KafkaView;
import dev.herald.platform.control.JsonFactory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/admin/flow}: the flow through Herald now, as the console shows it: topics with end offsets and
 * rates, consumer groups with lag per partition (Kafka's admin client), each instance's sockets, frames and intake
 * rates, whether intake is paused, and the parked and dead-letter backlogs.
 */
@Path("admin/flow")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "For operators (role: admin).")
@SecurityRequirement(name = "jwt")
public class FlowResource {
    @Inject
    Flow flow;

    @GET
    @Operation(
            operationId = "getFlow",
            summary = "Topics, consumer groups with lag, instances, intake state, backlogs",
            description = "Lag per partition is what Kafka's admin client reports (committed offset vs end offset);"
                    + " the live groups commit nothing, so their lag is each instance's own.")
    @APIResponse(responseCode = "200", description = "The flow now.")
    public JsonObject get() throws SQLException {
        Flow.Snapshot snapshot = flow.look();
        Map<String, Long> liveLag = new HashMap<>();
        JsonArrayBuilder instances = JsonFactory.PROVIDER.createArrayBuilder();
        for (InstanceReports.Report report : snapshot.instances()) {
            instances.add(JsonFactory.PROVIDER
                    .createObjectBuilder(report.report())
                    .add("instance", report.instance())
                    .add("seenAt", report.reportedAt().toString()));
            // a report written by another version of Herald (a rolling update) may lack a part
            if (report.report().get("deliveries") instanceof JsonObject deliveries
                    && deliveries.get("lag") instanceof JsonNumber lag) {
                liveLag.put("herald-live-" + report.instance(), lag.longValue());
            }
        }
        KafkaView kafka = snapshot.kafka();
        JsonObjectBuilder reachability =
                JsonFactory.PROVIDER.createObjectBuilder().add("reachable", kafka.reachable());
        if (kafka.error() == null) {
            reachability.addNull("error");
        } else {
            reachability.add("error", kafka.error());
        }
        return JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("at", snapshot.at().toString())
                .add("intake", JsonFactory.bound(IntakeState.of(snapshot.intake())))
                .add("kafka", reachability)
                .add("topics", topics(kafka))
                .add("groups", groups(kafka, liveLag))
                .add("instances", instances)
                .add("parked", snapshot.parked())
                .add("deadLetters", snapshot.deadLetters())
                .build();
    }

    private static JsonArrayBuilder topics(KafkaView kafka) {
        JsonArrayBuilder topics = JsonFactory.PROVIDER.createArrayBuilder();
        for (KafkaView.Topic topic : kafka.topics()) {
            JsonArrayBuilder partitions = JsonFactory.PROVIDER.createArrayBuilder();
            topic.partitions()
                    .forEach(p -> partitions.add(JsonFactory.PROVIDER
                            .createObjectBuilder()
                            .add("partition", p.partition())
                            .add("endOffset", p.endOffset())));
            JsonObjectBuilder json = JsonFactory.PROVIDER
                    .createObjectBuilder()
                    .add("name", topic.name())
                    .add("endOffset", topic.endOffset())
                    .add("partitions", partitions);
            if (topic.ratePerSecond() == null) {
                json.addNull("ratePerSecond");
            } else {
                json.add("ratePerSecond", Math.round(topic.ratePerSecond() * 10) / 10.0);
            }
            topics.add(json);
        }
        return topics;
    }

    private static JsonArrayBuilder groups(KafkaView kafka, Map<String, Long> liveLag) {
        JsonArrayBuilder groups = JsonFactory.PROVIDER.createArrayBuilder();
        for (KafkaView.Group group : kafka.groups()) {
            JsonArrayBuilder partitions = JsonFactory.PROVIDER.createArrayBuilder();
            group.partitions()
                    .forEach(p -> partitions.add(JsonFactory.PROVIDER
                            .createObjectBuilder()
                            .add("topic", p.topic())
                            .add("partition", p.partition())
                            .add("committed", p.committed())
                            .add("endOffset", p.endOffset())
                            .add("lag", p.lag())));
            long lag = "live".equals(group.role()) ? liveLag.getOrDefault(group.group(), 0L) : group.lag();
            groups.add(JsonFactory.PROVIDER
                    .createObjectBuilder()
                    .add("group", group.group())
                    .add("role", group.role())
                    .add("state", group.state())
                    .add("members", group.members())
                    .add("lag", lag)
                    .add("partitions", partitions));
        }
        return groups;
    }
}
