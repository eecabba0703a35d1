package dev.herald.webhook.boundary;

import dev.herald.Roles;
import dev.herald.platform.boundary.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/webhooks}: the signed-in user's own webhook endpoints, which receive their notifications of types sent by
 * webhook, signed per Standard Webhooks. Another user's endpoint answers 404.
 */
@Path("webhooks")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Channels", description = "Where notifications go besides the inbox (role: user).")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "400", ref = "BadRequest")
public class WebhooksResource {
    @Inject
    WebhookApi api;

    @Inject
    JsonWebToken token;

    @GET
    @Operation(operationId = "listWebhooks", summary = "The user's webhook endpoints")
    public Endpoints list() {
        return api.list(Caller.of(token));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createWebhook",
            summary = "Register a webhook endpoint",
            description = "https only (http only in dev mode); no private, loopback or link-local address. The answer"
                    + " holds the signing secret.")
    @APIResponse(responseCode = "201", description = "Registered, with its secret")
    public Response create(String body) {
        return api.create(Caller.of(token), body);
    }

    @GET
    @Path("{id}")
    @Operation(
            operationId = "getWebhook",
            summary = "One endpoint, without its secret (shown only by create and rotate-secret)")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public EndpointView get(@PathParam("id") String id) {
        return api.get(Caller.of(token), id);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changeWebhook", summary = "Change an endpoint's URL or description")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public EndpointView change(@PathParam("id") String id, String body) {
        return api.change(Caller.of(token), id, body);
    }

    @POST
    @Path("{id}/rotate-secret")
    @Operation(
            operationId = "rotateWebhookSecret",
            summary = "A new signing secret; the previous one stays valid for a day")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public EndpointView rotate(@PathParam("id") String id) {
        return api.rotate(Caller.of(token), id);
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "removeWebhook", summary = "Remove an endpoint")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public void remove(@PathParam("id") String id) {
        api.remove(Caller.of(token), id);
    }
}
