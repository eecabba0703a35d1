package dev.herald.devmode.boundary;

/** {@code POST /api/dev/tokens}: a signed token for {@code sub}, good for {@code expiresIn} seconds. */
public record DevToken(String token, String sub, long expiresIn) {}
