package dev.herald.platform.boundary;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns JAX-RS's own errors (404 route, 405, 415, 401, 403, ...) into problem+json. */
@Provider
public class WebApplicationProblemMapper implements ExceptionMapper<WebApplicationException> {
    @Context
    HttpHeaders headers;

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        Response problem = Problem.forStatus(status).toResponse();
        Response.ResponseBuilder builder = Response.fromResponse(problem);
        String allow = original.getHeaderString("Allow");
        if (allow != null) {
            builder.header("Allow", allow);
        }
        if (status == Response.Status.UNAUTHORIZED.getStatusCode()) {
            // RFC 6750: a 401 names the scheme; Payara refuses a missing or invalid token here, in JAX-RS
            builder.header(
                    Problem.CHALLENGE_HEADER,
                    Problem.bearerChallenge(headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null));
        }
        return builder.build();
    }
}
