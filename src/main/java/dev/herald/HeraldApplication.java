package dev.herald;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * Herald's REST API under {@code /api}, secured with MicroProfile JWT bearer tokens. A CDI bean, so that servers which
 * look for {@code @LoginConfig} among discovered beans only (Payara's MP JWT, with {@code bean-discovery-mode=annotated})
 * find it and turn MP JWT on.
 */
@ApplicationScoped
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({Roles.USER, Roles.PUBLISHER, Roles.ADMIN})
public class HeraldApplication extends Application {
    /**
     * No generated WADL ({@code /api/application.wadl}, which Jersey, Payara's JAX-RS, serves to anyone): the API is
     * described by {@code /openapi}. Other JAX-RS implementations ignore the property.
     */
    @Override
    public Map<String, Object> getProperties() {
        return Map.of("jersey.config.server.wadl.disableWadl", true);
    }
}
