package dev.herald.platform.boundary;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling: the token's subject ({@code sub}), else its {@code upn}. One rule for every endpoint, the same one
 * intake uses for recipients, so a user's inbox, sockets, settings and preferences are all keyed alike.
 */
public final class Caller {
    private Caller() {}

    public static String of(JsonWebToken token) {
        String subject = token.getSubject();
        return subject != null ? subject : token.getName();
    }
}
