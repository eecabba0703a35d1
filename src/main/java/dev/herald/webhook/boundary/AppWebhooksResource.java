package dev.herald.webhook.boundary;

import dev.herald.Roles;
import dev.herald.platform.boundary.Caller;
import dev.herald.platform.control.AuditTrail;
import dev.herald.platform.control.JsonFactory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Transactional;
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
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /api/admin/webhooks}: the signed-in user's own webhook endpoints, which receive their notifications of types sent by
 * webhook, signed per Standard Webhooks.
 */
@Path("admin/webhooks")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations", description = "For operators (role: admin).")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "400", ref = "BadRequest")
public class AppWebhooksResource {
    @Inject
    WebhookApi api;

    @Inject
    AuditTrail audit;

    @Inject
    JsonWebToken token;

    @GET
    @Operation(operationId = "listAppWebhooks", summary = "The application's webhook endpoints")
    public Endpoints list() {
        return api.list(null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            operationId = "createAppWebhook",
            summary = "Register a webhook endpoint",
            description = "https only (http only in dev mode); no private, loopback or link-local address. The answer"
                    + " holds the signing secret.")
    @APIResponse(responseCode = "201", description = "Registered, with its secret")
    @Transactional // the change and its audit entry commit together
    public Response create(String body) {
        Response created = api.create(null, body);
        EndpointView endpoint = (EndpointView) created.getEntity();
        audited("webhook.create", endpoint.id(), endpoint);
        return created;
    }

    @GET
    @Path("{id}")
    @Operation(
            operationId = "getAppWebhook",
            summary = "One endpoint, without its secret (shown only by create and rotate-secret)")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public EndpointView get(@PathParam("id") String id) {
        return api.get(null, id);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changeAppWebhook", summary = "Change an endpoint's URL or description")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @Transactional
    public EndpointView change(@PathParam("id") String id, String body) {
        EndpointView changed = api.change(null, id, body);
        audited("webhook.update", id, changed);
        return changed;
    }

    @POST
    @Path("{id}/rotate-secret")
    @Operation(
            operationId = "rotateAppWebhookSecret",
            summary = "A new signing secret; the previous one stays valid for a day")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @Transactional
    public EndpointView rotate(@PathParam("id") String id) {
        EndpointView rotated = api.rotate(null, id);
        audited("webhook.rotate-secret", id, null);
        return rotated;
    }

    @DELETE
    @Path("{id}")
    @Operation(operationId = "removeAppWebhook", summary = "Remove an endpoint")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @Transactional
    public void remove(@PathParam("id") String id) {
        api.remove(null, id);
        audited("webhook.delete", id, null);
    }

    /**
     * Records an admin's change of an application webhook: which endpoint, its host and a fingerprint of its URL
     * (URLs often carry a token in their path or query), never its secret.
     */
    private void audited(String action, String id, EndpointView endpoint) {
        JsonObjectBuilder details = JsonFactory.PROVIDER.createObjectBuilder();
        if (endpoint != null) {
            URI uri = URI.create(endpoint.url());
            details.add("host", uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()))
                    .add("urlSha256", fingerprint(endpoint.url()));
        }
        audit.record(Caller.of(token), action, "webhook " + id, details.build());
    }

    /** The first 16 hex digits of the URL's SHA-256: tells two URLs apart without keeping them. */
    static String fingerprint(String url) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
