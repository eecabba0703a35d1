package dev.herald.platform.boundary;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The error page for errors the servlet container answers itself, such as a request refused for a missing or invalid
 * token before JAX-RS runs: the same problem+json as everywhere else, never an HTML page or a stack trace.
 */
@WebServlet("/problem")
public class ErrorProblemServlet extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer number ? number : HttpServletResponse.SC_NOT_FOUND;
        response.setStatus(status);
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            // RFC 6750's challenge, with error="invalid_token" when a token was given and refused
            response.setHeader(
                    Problem.CHALLENGE_HEADER, Problem.bearerChallenge(request.getHeader("Authorization") != null));
        }
        Problem.forStatus(status).writeTo(response);
    }
}
