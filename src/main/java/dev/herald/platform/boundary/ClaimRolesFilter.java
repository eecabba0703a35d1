package dev.herald.platform.boundary;

import dev.herald.platform.control.IdentityClaims;
import jakarta.annotation.Priority;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Roles from the claims an identity provider puts them in ({@link IdentityClaims}), for {@code @RolesAllowed} and
 * every role check in JAX-RS, the same on every server: MP JWT maps only {@code groups} to roles (Liberty can name
 * another top-level claim, Payara cannot, and neither reads a nested one such as Keycloak's
 * {@code realm_access.roles}). Runs before both servers' role filters and enforces {@code @RolesAllowed} by the listed
 * claims itself; with only {@code groups} configured it steps aside and the container decides.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ClaimRolesFilter implements ContainerRequestFilter {
    private final IdentityClaims claims = IdentityClaims.configured();

    /** A role check outside JAX-RS (a servlet filter) by the same rules. */
    public static boolean isInRole(Principal caller, String role, Predicate<String> container) {
        IdentityClaims claims = IdentityClaims.configured();
        if (!claims.containerRolesSuffice() && caller instanceof JsonWebToken token) {
            return claims.roles(token::getClaim).contains(role);
        }
        return container.test(role);
    }

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        if (claims.containerRolesSuffice()) {
            return;
        }
        ClaimRoles roles = new ClaimRoles(request.getSecurityContext(), claims);
        request.setSecurityContext(roles);
        // Liberty also grants a role the token's groups hold (its check asks the servlet request too), so the
        // listed claims are enforced here, before the container's check; without a token the container answers 401
        RolesAllowed allowed = allowed();
        if (allowed != null
                && roles.getUserPrincipal() instanceof JsonWebToken
                && Arrays.stream(allowed.value()).noneMatch(roles::isUserInRole)) {
            request.abortWith(Problem.forStatus(403).toResponse());
        }
    }

    private RolesAllowed allowed() {
        RolesAllowed onMethod = resource.getResourceMethod() == null
                ? null
                : resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        return onMethod != null || resource.getResourceClass() == null
                ? onMethod
                : resource.getResourceClass().getAnnotation(RolesAllowed.class);
    }

    /** The container's security context with roles read from the token's claims (lazily: the token may come later). */
    private static final class ClaimRoles implements SecurityContext {
        private final SecurityContext container;
        private final IdentityClaims claims;
        private Set<String> roles;

        ClaimRoles(SecurityContext container, IdentityClaims claims) {
            this.container = container;
            this.claims = claims;
        }

        @Override
        public Principal getUserPrincipal() {
            return container.getUserPrincipal();
        }

        @Override
        public boolean isUserInRole(String role) {
            if (roles == null && container.getUserPrincipal() instanceof JsonWebToken token) {
                roles = claims.roles(token::getClaim);
            }
            // a caller signed in some other way than by a token: the container decides
            return roles != null ? roles.contains(role) : container.isUserInRole(role);
        }

        @Override
        public boolean isSecure() {
            return container.isSecure();
        }

        @Override
        public String getAuthenticationScheme() {
            return container.getAuthenticationScheme();
        }
    }
}
