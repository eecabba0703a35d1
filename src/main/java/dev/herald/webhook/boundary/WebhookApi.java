package dev.herald.webhook.boundary;

import dev.herald.channel.control.DestinationRefusedException;
import dev.herald.platform.boundary.Problem;
import dev.herald.platform.boundary.Problem.FieldError;
import dev.herald.platform.boundary.ProblemException;
import dev.herald.platform.boundary.RequestBodies;
import dev.herald.platform.control.JsonFactory;
import dev.herald.webhook.control.WebhookEndpoints;
import dev.herald.webhook.entity.WebhookEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * What the user's and the admin's webhook resources share: one owner's endpoints (a user, or null for the
 * application's), the request checks and the JSON view. The secret is shown once: in the answer to create and to
 * rotate. Nothing reads it back later (a user who lost it rotates).
 */
@ApplicationScoped
public class WebhookApi {
    @Inject
    WebhookEndpoints endpoints;

    @Inject
    RequestBodies bodies;

    public JsonObject list(String owner) {
        JsonArrayBuilder items = JsonFactory.PROVIDER.createArrayBuilder();
        endpoints.list(owner).forEach(e -> items.add(view(e, false)));
        return JsonFactory.PROVIDER.createObjectBuilder().add("items", items).build();
    }

    public Response create(String owner, String body) {
        WebhookRequest request = bodies.read(body, WebhookRequest.class);
        URI url = url(request.url());
        WebhookEndpoint endpoint = endpoints
                .register(owner, url, request.description())
                .orElseThrow(() -> new ProblemException(Problem.of(
                        Response.Status.CONFLICT, "At most " + endpoints.maxPerOwner() + " endpoints each.")));
        return Response.status(Response.Status.CREATED)
                .entity(view(endpoint, true))
                .build();
    }

    public JsonObject get(String owner, String id) {
        return view(endpoints.find(owner, id).orElseThrow(NotFoundException::new), false);
    }

    public JsonObject change(String owner, String id, String body) {
        WebhookRequest request = bodies.read(body, WebhookRequest.class);
        URI url = url(request.url());
        return view(endpoints.change(owner, id, url, request.description()).orElseThrow(NotFoundException::new), false);
    }

    public JsonObject rotate(String owner, String id) {
        return view(endpoints.rotate(owner, id).orElseThrow(NotFoundException::new), true);
    }

    public void remove(String owner, String id) {
        if (!endpoints.remove(owner, id)) {
            throw new NotFoundException();
        }
    }

    /** The URL, if it is one Herald may post to. */
    private URI url(String text) {
        URI url;
        try {
            url = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw invalid("is not a URL");
        }
        try {
            endpoints.check(url);
        } catch (DestinationRefusedException e) {
            throw invalid(e.getMessage());
        }
        return url;
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(
                Problem.invalid("The webhook endpoint is not valid.", List.of(new FieldError("/url", detail))));
    }

    private static JsonObject view(WebhookEndpoint e, boolean withSecret) {
        JsonObjectBuilder json = JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("id", e.id())
                .add("url", e.url())
                .add("scope", e.owner() == null ? "application" : "user")
                .add("createdAt", e.createdAt().toString())
                .add("updatedAt", e.updatedAt().toString());
        if (e.description() != null) {
            json.add("description", e.description());
        }
        if (e.previousUntil() != null) {
            json.add("previousSecretValidUntil", e.previousUntil().toString());
        }
        if (withSecret) {
            json.add("secret", e.secret());
        }
        return json.build();
    }
}
