package dev.herald.link.boundary;

import dev.herald.inbox.control.Inbox;
import dev.herald.inbox.entity.Notification;
import dev.herald.inbox.entity.StateChange;
import dev.herald.link.control.LinkPolicy;
import dev.herald.link.control.OpenLinks;
import dev.herald.link.control.OpenLinks.Opening;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/open/{token}}: the link of an email's button and of a push. No sign-in: the signed token is the
 * credential, and all it can do is mark its one notification read for its recipient and lead to that notification's
 * own link (checked against the allowed origins again; the inbox when it has none, is gone, or its origin is no longer
 * allowed). A {@code HEAD} (a link scanner's look) marks nothing.
 */
@Path("open/{token}")
@PermitAll
@Tag(name = "Notifications")
public class OpenResource {
    @Inject
    OpenLinks links;

    @Inject
    LinkPolicy policy;

    @Inject
    Inbox inbox;

    @Inject
    Clock clock;

    @GET
    @Operation(
            operationId = "openNotification",
            summary = "Follow a notification's link from an email or a push: marks it read, then redirects (303)")
    @APIResponse(responseCode = "303", description = "To the notification's link, or to the inbox.")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response open(@PathParam("token") String token) {
        Opening opening = read(token);
        Optional<Notification> read = inbox.change(
                opening.recipient(),
                opening.notificationId(),
                StateChange.of(StateChange.Action.READ),
                clock.instant());
        return redirect(opening, read);
    }

    @HEAD
    @Operation(operationId = "peekNotificationLink", summary = "Where the link leads, marking nothing")
    @APIResponse(responseCode = "303", description = "To the notification's link, or to the inbox.")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Response peek(@PathParam("token") String token) {
        Opening opening = read(token);
        return redirect(opening, inbox.find(opening.recipient(), opening.notificationId()));
    }

    private Opening read(String token) {
        return links.read(token, clock.instant()).orElseThrow(NotFoundException::new);
    }

    private Response redirect(Opening opening, Optional<Notification> notification) {
        String target = notification
                .map(Notification::link)
                .filter(link -> policy.rules().allows(link))
                .orElse(links.inbox(opening.notificationId()));
        return Response.seeOther(URI.create(target))
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }
}
