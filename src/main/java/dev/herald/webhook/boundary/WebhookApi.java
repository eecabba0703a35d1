package dev.herald.webhook.boundary;

import dev.herald.channel.control.DestinationRefusedException;
import dev.herald.platform.boundary.Problem;
import dev.herald.platform.boundary.Problem.FieldError;
import dev.herald.platform.boundary.ProblemException;
import dev.herald.platform.boundary.RequestBodies;
import dev.herald.webhook.control.WebhookEndpoints;
import dev.herald.webhook.entity.WebhookEndpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    public Endpoints list(String owner) {
        return new Endpoints(endpoints.list(owner).stream()
                .map(e -> EndpointView.of(e, false))
                .toList());
    }

    public Response create(String owner, String body) {
        WebhookRequest request = bodies.read(body, WebhookRequest.class);
        URI url = url(request.url());
        WebhookEndpoint endpoint = endpoints
                .register(owner, url, request.description())
                .orElseThrow(() -> new ProblemException(Problem.of(
                        Response.Status.CONFLICT, "At most " + endpoints.maxPerOwner() + " endpoints each.")));
        return Response.status(Response.Status.CREATED)
                .entity(EndpointView.of(endpoint, true))
                .build();
    }

    public EndpointView get(String owner, String id) {
        return EndpointView.of(endpoints.find(owner, id).orElseThrow(NotFoundException::new), false);
    }

    public EndpointView change(String owner, String id, String body) {
        WebhookRequest request = bodies.read(body, WebhookRequest.class);
        URI url = url(request.url());
        return EndpointView.of(
                endpoints.change(owner, id, url, request.description()).orElseThrow(NotFoundException::new), false);
    }

    public EndpointView rotate(String owner, String id) {
        return EndpointView.of(endpoints.rotate(owner, id).orElseThrow(NotFoundException::new), true);
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
}
