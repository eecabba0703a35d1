package dev.herald.live.boundary;

import dev.herald.live.control.HandshakePasses;
import dev.herald.live.control.LiveTickets;
import dev.herald.live.control.OriginPolicy;
import dev.herald.live.control.SessionRegistry;
import dev.herald.live.entity.LiveTicket;
import dev.herald.platform.boundary.Problem;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Refuses a WebSocket handshake over HTTP before it is upgraded: 403 for an Origin not allowed, 503 while this
 * instance drains before a restart, 401 without a valid ticket. The ticket is redeemed here, atomically, so a second handshake with it is a 401 before any upgrade; the
 * user travels to the socket endpoint as a {@link HandshakePasses handshake pass}.
 */
@WebFilter(urlPatterns = "/ws/*")
public class LiveHandshakeFilter extends HttpFilter {
    @Inject
    OriginPolicy origins;

    @Inject
    LiveTickets tickets;

    @Inject
    HandshakePasses passes;

    @Inject
    SessionRegistry sessions;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!origins.allows(request.getHeader("Origin"), request.getScheme(), request.getHeader("Host"))) {
            Problem.of(403, "Forbidden", "This origin may not open a live connection.")
                    .writeTo(response);
            return;
        }
        if (sessions.draining()) {
            // the ticket stays unredeemed: the client uses it, or a new one, elsewhere or after the restart
            response.setHeader("Retry-After", "5");
            Problem.of(503, "Service Unavailable", "This instance is shutting down; connect again in a moment.")
                    .writeTo(response);
            return;
        }
        String ticket = request.getParameter("ticket");
        Optional<LiveTicket> redeemed = tickets.redeem(ticket);
        if (redeemed.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Ticket realm=\"herald\"");
            Problem.of(401, "Unauthorized", "A valid ticket from POST /api/live/tickets is required.")
                    .writeTo(response);
            return;
        }
        passes.hold(ticket, redeemed.get());
        chain.doFilter(request, response);
    }
}
