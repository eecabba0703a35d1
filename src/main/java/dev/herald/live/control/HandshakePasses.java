package dev.herald.live.control;

import dev.herald.live.entity.LiveTicket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Carries a ticket redeemed at the HTTP handshake to the socket that the upgrade opens on this instance. The servlet
 * filter redeems the ticket (one atomic delete in PostgreSQL), so a second handshake with it is refused before the
 * upgrade; the endpoint then claims the pass by the same ticket, once. A pass whose upgrade never completed is
 * dropped after {@link #LIFETIME}.
 */
@ApplicationScoped
public class HandshakePasses {
    static final Duration LIFETIME = Duration.ofSeconds(30);

    private final Map<String, Pass> passes = new ConcurrentHashMap<>();

    @Inject
    Clock clock;

    /** Holds the redeemed ticket for the upgrade of the same request. */
    public void hold(String ticket, LiveTicket redeemed) {
        Instant now = clock.instant();
        passes.values().removeIf(pass -> pass.expiresAt().isBefore(now));
        passes.put(LiveTickets.hash(ticket), new Pass(redeemed, now.plus(LIFETIME)));
    }

    /** The redeemed ticket held for this upgrade, at most once; empty if the handshake did not redeem it. */
    public Optional<LiveTicket> claim(String ticket) {
        if (ticket == null || ticket.isBlank()) {
            return Optional.empty();
        }
        Pass pass = passes.remove(LiveTickets.hash(ticket));
        if (pass == null || pass.expiresAt().isBefore(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(pass.ticket());
    }

    private record Pass(LiveTicket ticket, Instant expiresAt) {}
}
