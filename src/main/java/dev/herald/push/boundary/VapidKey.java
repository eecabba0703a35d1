package dev.herald.push.boundary;

/** {@code GET /api/push/vapid-public-key}: the key a browser's push subscription is made with (base64url). */
public record VapidKey(String publicKey) {}
