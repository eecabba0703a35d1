package dev.herald.platform.boundary;

import dev.herald.platform.control.CorsPolicy;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * CORS for every path Herald serves (the API, the components and the client script, which a page on another origin
 * loads as a module), as a servlet filter so that it is the same on every server and also covers the container's own
 * answers (a refused token's 401 is dispatched to the error page, where this filter runs again). A preflight is
 * answered here and never reaches JAX-RS or a role check; see {@link CorsPolicy} for what is allowed.
 */
@WebFilter(
        urlPatterns = "/*",
        asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR})
public class CorsFilter extends HttpFilter {
    @Inject
    CorsPolicy policy;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        String preflightMethod = request.getHeader("Access-Control-Request-Method");
        if ("OPTIONS".equals(request.getMethod()) && origin != null && preflightMethod != null) {
            preflight(request, response, origin, preflightMethod);
            return;
        }
        response.addHeader("Vary", "Origin");
        if (policy.allows(origin)) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Expose-Headers", CorsPolicy.EXPOSED);
        }
        chain.doFilter(request, response);
    }

    private void preflight(HttpServletRequest request, HttpServletResponse response, String origin, String method)
            throws IOException {
        response.addHeader("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        if (!policy.allows(origin)) {
            Problem.of(
                            403,
                            "Forbidden",
                            "This origin may not call Herald from a browser (herald.cors.allowed-origins).")
                    .writeTo(response);
            return;
        }
        Optional<String> headers = policy.allowedHeaders(request.getHeader("Access-Control-Request-Headers"));
        if (!policy.allowsMethod(method) || headers.isEmpty()) {
            Problem.of(
                            403,
                            "Forbidden",
                            "Herald's API takes the methods " + CorsPolicy.METHODS + " and the headers "
                                    + String.join(
                                            ", ",
                                            CorsPolicy.HEADERS.stream().sorted().toList()) + ".")
                    .writeTo(response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        response.setHeader("Access-Control-Allow-Origin", origin);
        response.setHeader("Access-Control-Allow-Methods", CorsPolicy.METHODS);
        if (!headers.get().isEmpty()) {
            response.setHeader("Access-Control-Allow-Headers", headers.get());
        }
        response.setHeader("Access-Control-Max-Age", Integer.toString(CorsPolicy.MAX_AGE_SECONDS));
    }
}
