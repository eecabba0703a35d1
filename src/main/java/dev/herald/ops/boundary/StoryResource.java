package dev.herald.ops.boundary;

import dev.herald.Roles;
import dev.herald.channel.entity.DeliveryTrace;
import dev.herald.channel.entity.DeliveryView.Attempt;
import dev.herald.inbox.entity.NotificationSummary;
import dev.herald.ops.control.UserStories;
import dev.herald.ops.entity.Story;
import dev.herald.ops.entity.StoryEvent;
import dev.herald.ops.entity.StoryItem;
import dev.herald.platform.boundary.RequestBodies;
import dev.herald.platform.control.JsonFactory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /api/admin/story?user=|event=}: what Herald did with a user's notifications, or with one event's for every
 * recipient, explained item by item, for an operator answering "why did I (not) get it?". A user or event with
 * nothing answers an empty story, not 404.
 */
@Path("admin/story")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "For operators (role: admin).")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "400", ref = "BadRequest")
public class StoryResource {
    static final int DEFAULT_LIMIT = 50;

    /** PostgreSQL refuses a NUL in a text parameter: asked for, it would be a 500 instead of a 400. */
    static final String NO_NUL = RequestBodies.NO_NUL;

    @Inject
    UserStories stories;

    @Inject
    RequestBodies bodies;

    @GET
    @Operation(
            operationId = "getStory",
            summary = "A user's or an event's notifications, deliveries and parked records, explained",
            description = "Newest first, at most limit (default 50, at most 200) notifications, each with its events"
                    + " (created, aggregated), its deliveries with every attempt and an explanation; the deleted"
                    + " ones (their event's key and when) and up to 20 parked records whose payload mentions the"
                    + " user or event.")
    @APIResponse(responseCode = "200", description = "The story; empty lists when nothing is known.")
    public JsonObject story(
            @QueryParam("user") String user, @QueryParam("event") String event, @QueryParam("limit") String limit) {
        StoryQuery query = new StoryQuery(user, event, limit);
        bodies.checkParameters(query);
        query.requireOneSubject();
        return toJson(user != null ? stories.ofUser(user, query.max()) : stories.ofEvent(event, query.max()));
    }

    static JsonObject toJson(Story story) {
        JsonArrayBuilder items = JsonFactory.PROVIDER.createArrayBuilder();
        story.items().forEach(i -> items.add(item(i)));
        JsonArrayBuilder deleted = JsonFactory.PROVIDER.createArrayBuilder();
        story.deleted()
                .forEach(d -> deleted.add(JsonFactory.PROVIDER
                        .createObjectBuilder()
                        .add("source", d.source())
                        .add("eventId", d.eventId())
                        .add("recipient", d.recipient())
                        .add("deletedAt", d.deletedAt().toString())));
        JsonArrayBuilder parked = JsonFactory.PROVIDER.createArrayBuilder();
        story.parked()
                .forEach(p -> parked.add(JsonFactory.PROVIDER
                        .createObjectBuilder()
                        .add("id", p.id())
                        .add("parkedAt", p.parkedAt().toString())
                        .add("reason", p.reason())));
        JsonObjectBuilder json = JsonFactory.PROVIDER.createObjectBuilder();
        nullable(json, "user", story.user());
        nullable(json, "event", story.event());
        return json.add("items", items)
                .add("deleted", deleted)
                .add("parked", parked)
                .build();
    }

    private static JsonObject item(StoryItem item) {
        JsonArrayBuilder events = JsonFactory.PROVIDER.createArrayBuilder();
        item.events().forEach(e -> events.add(event(e)));
        JsonArrayBuilder deliveries = JsonFactory.PROVIDER.createArrayBuilder();
        item.deliveries().forEach(d -> deliveries.add(delivery(d)));
        return JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("notification", notification(item.notification()))
                .add("events", events)
                .add("deliveries", deliveries)
                .add("explanation", item.explanation())
                .build();
    }

    private static JsonObject notification(NotificationSummary n) {
        JsonObjectBuilder json = JsonFactory.PROVIDER.createObjectBuilder();
        nullable(json, "id", n.id());
        nullable(json, "recipient", n.recipient());
        nullable(json, "type", n.type());
        nullable(json, "category", n.category());
        nullable(json, "priority", n.priority());
        nullable(json, "title", n.title());
        nullable(json, "createdAt", n.createdAt());
        json.add("silent", n.silent());
        nullable(json, "seenAt", n.seenAt());
        nullable(json, "readAt", n.readAt());
        nullable(json, "archivedAt", n.archivedAt());
        nullable(json, "snoozedUntil", n.snoozedUntil());
        return json.add("eventCount", n.eventCount()).build();
    }

    private static JsonObject event(StoryEvent e) {
        JsonObjectBuilder json = JsonFactory.PROVIDER.createObjectBuilder();
        nullable(json, "source", e.source());
        nullable(json, "id", e.id());
        nullable(json, "at", e.at());
        return json.add("as", e.as().wire()).build();
    }

    private static JsonObject delivery(DeliveryTrace d) {
        JsonObjectBuilder json = JsonFactory.PROVIDER.createObjectBuilder();
        nullable(json, "id", d.id());
        json.add("channel", d.channel());
        nullable(json, "target", d.target());
        json.add("status", d.status());
        nullable(json, "reason", d.reason());
        json.add("attempts", d.attempts());
        nullable(json, "dueAt", d.dueAt());
        nullable(json, "createdAt", d.createdAt());
        nullable(json, "updatedAt", d.updatedAt());
        nullable(json, "digestId", d.digestId());
        nullable(json, "digestStatus", d.digestStatus());
        JsonArrayBuilder log = JsonFactory.PROVIDER.createArrayBuilder();
        d.attemptLog().forEach(a -> log.add(attempt(a)));
        return json.add("attemptLog", log).build();
    }

    /** One attempt as the contract names it: the provider's status code is {@code status}. */
    private static JsonObject attempt(Attempt a) {
        JsonObjectBuilder json = JsonFactory.PROVIDER.createObjectBuilder().add("attempt", a.attempt());
        nullable(json, "startedAt", a.startedAt());
        nullable(json, "finishedAt", a.finishedAt());
        nullable(json, "outcome", a.outcome());
        if (a.statusCode() == null) {
            json.addNull("statusCode");
        } else {
            json.add("statusCode", a.statusCode());
        }
        nullable(json, "answer", a.answer());
        return json.build();
    }

    /** The contract shows absent values as null rather than leaving the field out. */
    private static void nullable(JsonObjectBuilder json, String name, Object value) {
        if (value == null) {
            json.add(name, JsonValue.NULL);
        } else {
            json.add(name, value instanceof Instant at ? at.toString() : value.toString());
        }
    }
}
