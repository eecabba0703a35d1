package dev.herald.channel.boundary;

import dev.herald.channel.control.Contacts;
import dev.herald.platform.boundary.Caller;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Keeps a signed-in user's contact up to date from their token's OIDC claims {@code email} and {@code phone_number}
 * (an address the user or an admin set wins). A claim that is not a plain address or an E.164 number is ignored.
 */
@Provider
@Priority(Priorities.USER)
public class ContactClaims implements ContainerRequestFilter {
    @Inject
    JsonWebToken token;

    @Inject
    Contacts contacts;

    @Override
    public void filter(ContainerRequestContext request) {
        if (token == null || token.getRawToken() == null) {
            return;
        }
        String email = claim("email");
        String phone = claim("phone_number");
        if ((email != null || phone != null) && ContactRequest.usable(email, phone)) {
            contacts.fromToken(Caller.of(token), email, phone);
        }
    }

    private String claim(String name) {
        Object value = token.getClaim(name);
        if (value instanceof JsonString json) {
            return json.getString();
        }
        return value instanceof String text ? text : null;
    }
}
