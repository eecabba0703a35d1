package dev.herald.platform.boundary;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns JAX-RS's own errors (404 route, 405, 415, 401, 403, ...) into problem+json. */
@Provider
public class WebApplicationProblemMapper implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        String title = original.getStatusInfo().getReasonPhrase();
        Response problem = Problem.of(status, title, detailFor(status)).toResponse();
        Response.ResponseBuilder builder = Response.fromResponse(problem);
        String allow = original.getHeaderString("Allow");
        if (allow != null) {
            builder.header("Allow", allow);
        }
        return builder.build();
    }

    private static String detailFor(int status) {
        return switch (status) {
            case 401 -> "A valid bearer token is required.";
            case 403 -> "Your token does not carry a role that may do this.";
            case 404 -> "No such resource.";
            case 405 -> "This method is not allowed here.";
            case 406 -> "No acceptable representation; ask for application/json.";
            case 415 -> "Unsupported media type; send application/json or application/cloudevents+json.";
            default -> null;
        };
    }
}
