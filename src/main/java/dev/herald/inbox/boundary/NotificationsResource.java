package dev.herald.inbox.boundary;

import dev.herald.Roles;
import dev.herald.inbox.control.Inbox;
import dev.herald.inbox.entity.InboxCursor;
import dev.herald.inbox.entity.InboxPage;
import dev.herald.inbox.entity.Notification;
import dev.herald.inbox.entity.NotificationView;
import dev.herald.platform.boundary.Problem;
import dev.herald.platform.boundary.ProblemException;
import dev.herald.platform.boundary.QueryParams;
import dev.herald.platform.control.JsonFactory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * {@code /api/notifications}: the signed-in user's inbox. The user is the token's subject; another user's
 * notification is answered exactly like one that does not exist (404).
 */
@Path("notifications")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
public class NotificationsResource {
    @Inject
    Inbox inbox;

    @Inject
    JsonWebToken token;

    @Inject
    Clock clock;

    @GET
    public JsonObject page(
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @QueryParam("unread") String unread,
            @QueryParam("category") String category) {
        InboxPage page = inbox.page(
                user(),
                cursor(cursor),
                QueryParams.limit(limit, 20, 100),
                QueryParams.flag("unread", unread),
                category == null || category.isBlank() ? null : category);
        JsonArrayBuilder items = JsonFactory.PROVIDER.createArrayBuilder();
        page.items().forEach(n -> items.add(NotificationView.of(n)));
        JsonObjectBuilder json = JsonFactory.PROVIDER.createObjectBuilder().add("items", items);
        if (page.next() == null) {
            json.addNull("nextCursor");
        } else {
            json.add("nextCursor", page.next().encode());
        }
        return json.build();
    }

    @GET
    @Path("unread-count")
    public JsonObject unreadCount() {
        return JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("count", inbox.unreadCount(user()))
                .build();
    }

    @GET
    @Path("{id}")
    public JsonObject one(@PathParam("id") String id) {
        return NotificationView.of(found(inbox.find(user(), id)));
    }

    @POST
    @Path("{id}/read")
    public JsonObject markRead(@PathParam("id") String id) {
        return NotificationView.of(found(inbox.markRead(user(), id, clock.instant())));
    }

    @POST
    @Path("{id}/unread")
    public JsonObject markUnread(@PathParam("id") String id) {
        return NotificationView.of(found(inbox.markUnread(user(), id, clock.instant())));
    }

    @POST
    @Path("{id}/seen")
    public JsonObject markSeen(@PathParam("id") String id) {
        return NotificationView.of(found(inbox.markSeen(user(), id, clock.instant())));
    }

    @POST
    @Path("{id}/archive")
    public JsonObject archive(@PathParam("id") String id) {
        return NotificationView.of(found(inbox.archive(user(), id, clock.instant())));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        found(inbox.delete(user(), id));
        return Response.noContent().build();
    }

    @POST
    @Path("read-all")
    public JsonObject markAllRead() {
        int changed = inbox.markAllRead(user(), clock.instant());
        return JsonFactory.PROVIDER.createObjectBuilder().add("marked", changed).build();
    }

    private String user() {
        String subject = token.getSubject();
        return subject != null ? subject : token.getName();
    }

    private static Notification found(Optional<Notification> notification) {
        return notification.orElseThrow(() ->
                new ProblemException(Problem.of(Response.Status.NOT_FOUND, "You have no notification with this id.")));
    }

    private static InboxCursor cursor(String text) {
        try {
            return InboxCursor.decode(text);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of(Response.Status.BAD_REQUEST, "cursor is not valid"));
        }
    }
}
