package dev.herald.live.control;

import dev.herald.live.entity.LiveTicket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Short-lived, single-use tickets that authenticate a WebSocket handshake, so no long-lived token goes into a URL.
 * Kept in PostgreSQL (hashed) so a ticket issued by one instance opens a socket on any other.
 */
@ApplicationScoped
@Transactional
public class LiveTickets {
    private static final Duration PURGE_EVERY = Duration.ofSeconds(10);

    private final SecureRandom random = new SecureRandom();
    private final AtomicLong lastPurge = new AtomicLong();

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "herald.live.ticket-ttl-seconds", defaultValue = "30")
    int ttlSeconds;

    public Duration ttl() {
        return Duration.ofSeconds(ttlSeconds);
    }

    /** Issues a ticket for the user; the socket it opens closes when their token expires. */
    public String issue(String user, Instant tokenExpiresAt) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String ticket = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        long last = lastPurge.get();
        if (now.toEpochMilli() - last >= PURGE_EVERY.toMillis() && lastPurge.compareAndSet(last, now.toEpochMilli())) {
            // expired tickets go now and then, not with every ticket: 20,000 sockets reconnecting after a restart
            // ask for 20,000 tickets within seconds
            em.createNativeQuery("DELETE FROM live_ticket WHERE expires_at < ?1")
                    .setParameter(1, Timestamp.from(now))
                    .executeUpdate();
        }
        em.createNativeQuery("INSERT INTO live_ticket (id, recipient, token_expires_at, expires_at)"
                        + " VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, hash(ticket))
                .setParameter(2, user)
                .setParameter(3, Timestamp.from(tokenExpiresAt))
                .setParameter(4, Timestamp.from(now.plus(ttl())))
                .executeUpdate();
        return ticket;
    }

    /** Uses the ticket up; empty if it is unknown, used or expired. */
    public Optional<LiveTicket> redeem(String ticket) {
        if (ticket == null || ticket.isBlank()) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("DELETE FROM live_ticket WHERE id = ?1 AND expires_at > ?2"
                        + " RETURNING recipient, token_expires_at")
                .setParameter(1, hash(ticket))
                .setParameter(2, Timestamp.from(clock.instant()))
                .getResultList();
        return rows.stream().findFirst().map(row -> new LiveTicket((String) row[0], ((Timestamp) row[1]).toInstant()));
    }

    static String hash(String ticket) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
