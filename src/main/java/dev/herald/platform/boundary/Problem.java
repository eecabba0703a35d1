package dev.herald.platform.boundary;

import dev.herald.platform.control.JsonFactory;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;

/**
 * An RFC 9457 problem detail. Serialized by hand with JSON-P so that the media type
 * {@code application/problem+json} never depends on which JSON provider a server picks.
 */
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    /**
     * One precise reason: where (a JSON pointer into the request body, or the name of a query parameter) and what is
     * wrong there.
     */
    public record FieldError(String pointer, String parameter, String detail) {
        public FieldError(String pointer, String detail) {
            this(pointer, null, detail);
        }

        public static FieldError parameter(String name, String detail) {
            return new FieldError(null, name, detail);
        }

        /** Where the error is, for sorting: the pointer or the parameter. */
        public String where() {
            return pointer != null ? pointer : parameter;
        }
    }

    public static final String MEDIA_TYPE = "application/problem+json";

    /** The header of a 401 that names the scheme it wants (RFC 6750), and Herald's challenge. */
    public static final String CHALLENGE_HEADER = "WWW-Authenticate";

    public static final String BEARER_CHALLENGE = "Bearer realm=\"herald\"";

    /**
     * The challenge of a 401 (RFC 6750, section 3.1): a request that carried credentials which were refused gets
     * {@code error="invalid_token"}; one that carried none gets no error code.
     */
    public static String bearerChallenge(boolean credentialsGiven) {
        return credentialsGiven ? BEARER_CHALLENGE + ", error=\"invalid_token\"" : BEARER_CHALLENGE;
    }

    public static Problem of(Response.Status status, String detail) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, List.of());
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, List.of());
    }

    /** The problem for a bare HTTP status the runtime answered: its reason phrase and, where useful, a hint. */
    public static Problem forStatus(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : status >= 500 ? "Internal Server Error" : "Error";
        String detail =
                switch (status) {
                    case 401 -> "A valid bearer token is required.";
                    case 403 -> "Your token does not carry a role that may do this.";
                    case 404 -> "No such resource.";
                    case 405 -> "This method is not allowed here.";
                    case 406 -> "No acceptable representation; ask for application/json.";
                    case 415 -> "Unsupported media type; send application/json or application/cloudevents+json.";
                    default -> null;
                };
        return of(status, title, detail);
    }

    /** A 400 listing every reason, each pointing into the request body. */
    public static Problem invalid(String detail, List<FieldError> errors) {
        return new Problem("about:blank", "Bad Request", 400, detail, List.copyOf(errors));
    }

    public String toJson() {
        JsonObjectBuilder json = JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("type", type)
                .add("title", title)
                .add("status", status);
        if (detail != null) {
            json.add("detail", detail);
        }
        if (!errors.isEmpty()) {
            var list = JsonFactory.PROVIDER.createArrayBuilder();
            errors.forEach(e -> {
                JsonObjectBuilder error = JsonFactory.PROVIDER.createObjectBuilder();
                if (e.pointer() != null) {
                    error.add("pointer", e.pointer());
                } else {
                    error.add("parameter", e.parameter());
                }
                list.add(error.add("detail", e.detail()));
            });
            json.add("errors", list);
        }
        return json.build().toString();
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(toJson()).build();
    }

    /** Answers the problem on a servlet response (filters and error pages, where JAX-RS does not run). */
    public void writeTo(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(toJson());
    }
}
