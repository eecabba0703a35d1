package dev.herald;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
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
public class HeraldApplication extends Application {}
