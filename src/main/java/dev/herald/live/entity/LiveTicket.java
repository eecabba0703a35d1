package dev.herald.live.entity;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/** A redeemed ticket: who opens the socket, and when their token (so the socket) expires. */
public record LiveTicket(String user, Instant tokenExpiresAt) {
    public LiveTicket {
        requireNonNull(user);
        requireNonNull(tokenExpiresAt);
    }
}
