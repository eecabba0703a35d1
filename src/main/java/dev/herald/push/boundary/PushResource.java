package dev.herald.push.boundary;

import dev.herald.Roles;
import dev.herald.channel.control.DestinationRefusedException;
import dev.herald.channel.control.Destinations;
import dev.herald.platform.boundary.Caller;
import dev.herald.platform.boundary.Problem;
import dev.herald.platform.boundary.Problem.FieldError;
import dev.herald.platform.boundary.ProblemException;
import dev.herald.platform.boundary.RequestBodies;
import dev.herald.push.control.PushSubscriptions;
import dev.herald.push.control.VapidKeys;
import dev.herald.push.control.WebPushCipher;
import dev.herald.push.entity.PushSubscription;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/push}: the VAPID public key a browser subscribes with, and the signed-in user's subscriptions (what
 * {@code PushManager.subscribe} answered). An endpoint must be a URL Herald may call (https, no internal address), and
 * the keys must be a valid P-256 point and a 16-byte secret.
 */
@Path("push")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Channels", description = "Where notifications go besides the inbox (role: user).")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "400", ref = "BadRequest")
public class PushResource {
    @Inject
    PushSubscriptions subscriptions;

    @Inject
    VapidKeys keys;

    @Inject
    Destinations destinations;

    @Inject
    RequestBodies bodies;

    @Inject
    JsonWebToken token;

    @GET
    @Path("vapid-public-key")
    @Operation(
            operationId = "getVapidPublicKey",
            summary = "The applicationServerKey for PushManager.subscribe (404 while web push is off)")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public VapidKey vapidKey() {
        return new VapidKey(keys.vapid().orElseThrow(NotFoundException::new).publicKey());
    }

    @GET
    @Path("subscriptions")
    @Operation(operationId = "listPushSubscriptions", summary = "The user's push subscriptions")
    public Subscriptions list() {
        return new Subscriptions(subscriptions.of(Caller.of(token)).stream()
                .map(SubscriptionView::of)
                .toList());
    }

    @POST
    @Path("subscriptions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "subscribePush",
            summary = "Subscribe this browser (the body is PushSubscription.toJSON())")
    @APIResponse(responseCode = "201", description = "Subscribed")
    public Response subscribe(String body) {
        SubscriptionRequest request = bodies.read(body, SubscriptionRequest.class);
        checkEndpoint(request.endpoint());
        try {
            WebPushCipher.checkKeys(request.keys().p256dh(), request.keys().auth());
        } catch (IllegalArgumentException e) {
            throw invalid("/keys", e.getMessage());
        }
        PushSubscription subscription = subscriptions
                .subscribe(
                        Caller.of(token),
                        request.endpoint(),
                        request.keys().p256dh(),
                        request.keys().auth())
                .orElseThrow(() -> new ProblemException(Problem.of(
                        Response.Status.CONFLICT, "Too many push subscriptions: remove one of this user's first.")));
        return Response.status(Response.Status.CREATED)
                .entity(SubscriptionView.of(subscription))
                .build();
    }

    @DELETE
    @Path("subscriptions")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "unsubscribePush", summary = "Unsubscribe this browser (the body names its endpoint)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public void unsubscribe(String body) {
        UnsubscribeRequest request = bodies.read(body, UnsubscribeRequest.class);
        if (!subscriptions.unsubscribe(Caller.of(token), request.endpoint())) {
            throw new NotFoundException();
        }
    }

    private void checkEndpoint(String endpoint) {
        try {
            destinations.guard().check(new URI(endpoint));
        } catch (URISyntaxException e) {
            throw invalid("/endpoint", "is not a URL");
        } catch (DestinationRefusedException e) {
            throw invalid("/endpoint", e.getMessage());
        }
    }

    private static ProblemException invalid(String pointer, String detail) {
        return new ProblemException(
                Problem.invalid("The push subscription is not valid.", List.of(new FieldError(pointer, detail))));
    }
}
