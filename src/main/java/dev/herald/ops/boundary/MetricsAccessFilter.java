package dev.herald.ops.boundary;

import dev.herald.Roles;
import dev.herald.platform.boundary.ClaimRolesFilter;
import dev.herald.platform.boundary.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /metrics} needs the role admin on every server. Liberty serves it in an application of its own, secured in
 * server.xml, and this filter never sees it. Payara serves it inside Herald (the application at the root context),
 * where its own role check lets a request without any token through: so there Payara's check is off
 * (postboot.asadmin), web.xml sends plain HTTP to HTTPS, and this filter answers 401 without a token, 403 without
 * the role.
 */
@WebFilter(urlPatterns = "/metrics/*")
public class MetricsAccessFilter extends HttpFilter {
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getUserPrincipal() == null) {
            response.setHeader(
                    Problem.CHALLENGE_HEADER, Problem.bearerChallenge(request.getHeader("Authorization") != null));
            Problem.forStatus(HttpServletResponse.SC_UNAUTHORIZED).writeTo(response);
            return;
        }
        if (!ClaimRolesFilter.isInRole(request.getUserPrincipal(), Roles.ADMIN, request::isUserInRole)) {
            Problem.forStatus(HttpServletResponse.SC_FORBIDDEN).writeTo(response);
            return;
        }
        chain.doFilter(request, response);
    }
}
