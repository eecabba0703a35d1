package dev.herald.inbox.boundary;

import dev.herald.Roles;
import dev.herald.inbox.control.ChannelReports;
import dev.herald.inbox.control.Inbox;
import dev.herald.inbox.control.InboxPages;
import dev.herald.inbox.entity.InboxPage;
import dev.herald.inbox.entity.Notification;
import dev.herald.inbox.entity.NotificationView;
import dev.herald.inbox.entity.StateChange;
import dev.herald.inbox.entity.StateChange.Action;
import dev.herald.platform.boundary.Caller;
import dev.herald.platform.boundary.Problem;
import dev.herald.platform.boundary.Problem.FieldError;
import dev.herald.platform.boundary.ProblemException;
import dev.herald.platform.boundary.RequestBodies;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
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
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/notifications}: the signed-in user's inbox. The user is the token's subject; another user's
 * notification is answered exactly like one that does not exist (404). Every change is pushed to the user's live
 * sessions; doing it twice is no error and pushes nothing.
 */
@Path("notifications")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Inbox", description = "The signed-in user's notifications (role: user).")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "400", ref = "BadRequest")
public class NotificationsResource {
    /** The furthest ahead a snooze may end. */
    @Inject
    ChannelReports reports;

    @Inject
    Inbox inbox;

    @Inject
    InboxPages pages;

    @Inject
    RequestBodies bodies;

    @Inject
    JsonWebToken token;

    @Inject
    Clock clock;

    @GET
    @Operation(
            operationId = "listNotifications",
            summary = "A page of the inbox, newest first",
            description = "Filters combine. By default archived and snoozed notifications are left out. nextCursor"
                    + " continues the walk through the inbox as it stood at its first page: nothing is skipped or"
                    + " repeated while notifications arrive or aggregates move to the top (cursors last a day).")
    @APIResponse(responseCode = "200", ref = "InboxPage")
    public InboxPageView page(
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor,
            @QueryParam("read") String read,
            @QueryParam("unread") String unread,
            @QueryParam("seen") String seen,
            @QueryParam("archived") String archived,
            @QueryParam("snoozed") String snoozed,
            @QueryParam("category") String category,
            @QueryParam("type") String type) {
        InboxQuery query = new InboxQuery(limit, cursor, read, unread, seen, archived, snoozed, category, type);
        bodies.checkParameters(query);
        if (query.contradictory()) {
            throw new ProblemException(Problem.invalid(
                    "A query parameter is not valid.",
                    List.of(FieldError.parameter("unread", "contradicts read; use one of them"))));
        }
        InboxPage page = pages.page(user(), query.filter(), InboxRequests.cursor(cursor), query.pageSize());
        reports.report(user(), page.items());
        return new InboxPageView(
                page.items().stream().map(NotificationView::of).toList(),
                page.next() == null ? null : page.next().encode());
    }

    @GET
    @Path("counts")
    @Operation(
            operationId = "getNotificationCounts",
            summary = "Badges: unread and unseen, in all and per category",
            description = "Counts the inbox proper: archived and snoozed notifications are not counted.")
    @APIResponse(responseCode = "200", ref = "Counts")
    public Badges counts() {
        return Badges.of(pages.counts(user()));
    }

    @GET
    @Path("unread-count")
    @Operation(
            operationId = "getUnreadCount",
            summary = "The unread badge",
            description = "The same number the live unread.count frame carries.")
    @APIResponse(responseCode = "200", ref = "UnreadCount")
    public UnreadCount unreadCount() {
        return new UnreadCount(inbox.unreadCount(user()));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getNotification", summary = "One notification")
    @APIResponse(responseCode = "200", ref = "Notification")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public JsonObject one(@PathParam("id") String id) {
        Notification n = found(inbox.find(user(), id));
        reports.report(user(), List.of(n));
        return NotificationView.of(n);
    }

    @POST
    @Path("{id}/{action}")
    @Operation(
            operationId = "changeNotification",
            summary = "Change one notification's state",
            description = "read, unread, seen (the badge was opened), archive, unarchive, unsnooze. Idempotent.")
    @APIResponse(responseCode = "200", ref = "Notification")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public JsonObject change(@PathParam("id") String id, @PathParam("action") String action) {
        StateChange change = StateChange.of(InboxRequests.simpleAction(action));
        return NotificationView.of(found(inbox.change(user(), id, change, clock.instant())));
    }

    @POST
    @Path("{id}/snooze")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "snoozeNotification",
            summary = "Snooze one notification",
            description = "Hidden (and not counted) until `until`; then it comes back at the top of the inbox, unread,"
                    + " with a new seq and a live notification.updated frame. Snoozing again moves the time.")
    @RequestBody(ref = "SnoozeRequest")
    @APIResponse(responseCode = "200", ref = "Notification")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public JsonObject snooze(@PathParam("id") String id, String body) {
        Instant now = clock.instant();
        Instant until = bodies.read(body, SnoozeRequest.class).until();
        InboxRequests.checkSnooze(until, now, "/until");
        return NotificationView.of(found(inbox.change(user(), id, StateChange.snoozeUntil(until), now)));
    }

    @DELETE
    @Path("{id}")
    @Operation(
            operationId = "deleteNotification",
            summary = "Delete one notification",
            description = "Gone for good: the same event redelivered or retried does not bring it back.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response delete(@PathParam("id") String id) {
        found(inbox.delete(user(), id, clock.instant()));
        return Response.noContent().build();
    }

    @POST
    @Path("read-all")
    @Operation(
            operationId = "markAllRead",
            summary = "Mark the whole inbox read",
            description = "Optionally only one category, and only notifications up to a seq (what the user saw).")
    @APIResponse(responseCode = "200", ref = "Marked")
    public Marked markAllRead(@QueryParam("category") String category, @QueryParam("upToSeq") String upToSeq) {
        return all(Action.READ, category, upToSeq);
    }

    @POST
    @Path("seen-all")
    @Operation(
            operationId = "markAllSeen",
            summary = "Mark the whole inbox seen (clear the badge without reading)",
            description = "Optionally only one category, and only notifications up to a seq.")
    @APIResponse(responseCode = "200", ref = "Marked")
    public Marked markAllSeen(@QueryParam("category") String category, @QueryParam("upToSeq") String upToSeq) {
        return all(Action.SEEN, category, upToSeq);
    }

    @POST
    @Path("bulk")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "changeNotifications",
            summary = "One action on up to 100 notifications",
            description = "Ids the user has no notification with (including other users') are listed in notFound;"
                    + " the others are changed in one transaction.")
    @RequestBody(ref = "BulkRequest")
    @APIResponse(responseCode = "200", ref = "BulkResult")
    public BulkResult bulk(String body) {
        BulkRequest request = bodies.read(body, BulkRequest.class);
        Instant now = clock.instant();
        Inbox.BulkResult result;
        if (request.action().equals("delete")) {
            result = inbox.delete(user(), request.ids(), now);
        } else if (request.action().equals("snooze")) {
            InboxRequests.checkSnooze(request.until(), now, "/until");
            result = inbox.change(user(), request.ids(), StateChange.snoozeUntil(request.until()), now);
        } else {
            if (request.until() != null) {
                throw InboxRequests.invalid("/until", "only a snooze has an end");
            }
            result = inbox.change(
                    user(), request.ids(), StateChange.of(InboxRequests.simpleAction(request.action())), now);
        }
        return BulkResult.of(result);
    }

    private Marked all(Action action, String category, String upToSeq) {
        bodies.checkParameters(new MarkAllQuery(category, upToSeq));
        int changed = inbox.changeAll(
                user(),
                StateChange.of(action),
                category,
                upToSeq == null ? null : Long.valueOf(upToSeq),
                clock.instant());
        return new Marked(changed);
    }

    private String user() {
        return Caller.of(token);
    }

    private static Notification found(Optional<Notification> notification) {
        return notification.orElseThrow(() ->
                new ProblemException(Problem.of(Response.Status.NOT_FOUND, "You have no notification with this id.")));
    }
}
