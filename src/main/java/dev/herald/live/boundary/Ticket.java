package dev.herald.live.boundary;

/** {@code POST /api/live/tickets}: the one-time ticket that opens the live socket, and how many seconds it is good for. */
public record Ticket(String ticket, long expiresIn) {}
