package dev.herald.live.boundary;

import dev.herald.live.control.LiveTickets;
import dev.herald.live.control.OriginPolicy;
import dev.herald.platform.boundary.Problem;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refuses a WebSocket handshake over HTTP before it is upgraded: 403 for an Origin not allowed, 401 without a valid
 * ticket. The socket endpoint redeems the ticket itself (single use); this only checks.
 */
@WebFilter(urlPatterns = "/ws/*")
public class LiveHandshakeFilter extends HttpFilter {
    @Inject
    OriginPolicy origins;

    @Inject
    LiveTickets tickets;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!origins.allows(request.getHeader("Origin"), request.getScheme(), request.getHeader("Host"))) {
            refuse(response, Problem.of(403, "Forbidden", "This origin may not open a live connection."));
            return;
        }
        if (!tickets.valid(request.getParameter("ticket"))) {
            response.setHeader("WWW-Authenticate", "Ticket realm=\"herald\"");
            refuse(
                    response,
                    Problem.of(401, "Unauthorized", "A valid ticket from POST /api/live/tickets is required."));
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, Problem problem) throws IOException {
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(problem.toJson());
    }
}
