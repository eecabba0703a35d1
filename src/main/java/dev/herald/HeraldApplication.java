package dev.herald;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/** Herald's REST API under {@code /api}, secured with MicroProfile JWT bearer tokens. */
@ApplicationPath("api")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({Roles.USER, Roles.PUBLISHER, Roles.ADMIN})
public class HeraldApplication extends Application {}
