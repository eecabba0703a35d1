package dev.herald.platform.boundary;

import dev.herald.platform.control.IdentityClaims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling: the first of {@code herald.auth.user-claims} the token carries ({@code sub} by default; Entra ID
 * deployments often name {@code oid}), else the name the server gave the token. One rule for every endpoint, so a
 * user's inbox, sockets, settings and preferences are all keyed alike, and publishers name recipients by the same id.
 */
public final class Caller {
    private Caller() {}

    public static String of(JsonWebToken token) {
        return IdentityClaims.configured().user(token::getClaim).orElseGet(token::getName);
    }
}
