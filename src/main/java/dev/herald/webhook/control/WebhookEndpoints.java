package dev.herald.webhook.control;

import dev.herald.channel.control.DestinationRefusedException;
import dev.herald.channel.control.Destinations;
import dev.herald.webhook.entity.WebhookEndpoint;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Webhook endpoints: registered, changed, rotated and removed by their owner (a user for their own, an admin for the
 * application's), each URL checked by the {@link DestinationGuard} first; and, for intake, who has endpoints.
 */
@ApplicationScoped
public class WebhookEndpoints {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Resource(lookup = "jdbc/herald")
    DataSource dataSource;

    @Inject
    Destinations destinations;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "herald.webhook.secret-overlap-hours", defaultValue = "24")
    long overlapHours;

    @Inject
    @ConfigProperty(name = "herald.webhook.max-per-owner", defaultValue = "10")
    int maxPerOwner;

    /**
     * Registers an endpoint of {@code owner} (null: the application's) at a URL the caller checked with {@link
     * #check}; empty when the owner has {@code herald.webhook.max-per-owner} already.
     */
    @Transactional
    public Optional<WebhookEndpoint> register(String owner, URI url, String description) {
        if (list(owner).size() >= maxPerOwner) {
            return Optional.empty();
        }
        WebhookEndpoint endpoint =
                new WebhookEndpoint(owner, url.toString(), description, WebhookSignature.newSecret(), clock.instant());
        em.persist(endpoint);
        return Optional.of(endpoint);
    }

    /** Refuses a URL Herald must not post to ({@link DestinationRefusedException} says why). */
    public void check(URI url) {
        destinations.guard().check(url);
    }

    public int maxPerOwner() {
        return maxPerOwner;
    }

    /** The endpoints of {@code owner} (null: the application's). */
    @Transactional
    public List<WebhookEndpoint> list(String owner) {
        String where = owner == null ? "e.owner IS NULL" : "e.owner = :owner";
        var query = em.createQuery(
                "SELECT e FROM WebhookEndpoint e WHERE " + where + " ORDER BY e.createdAt", WebhookEndpoint.class);
        if (owner != null) {
            query.setParameter("owner", owner);
        }
        return query.getResultList();
    }

    /** The endpoint {@code id} if {@code owner} owns it (null: the application). */
    @Transactional
    public Optional<WebhookEndpoint> find(String owner, String id) {
        return Optional.ofNullable(em.find(WebhookEndpoint.class, id)).filter(e -> e.ownedBy(owner));
    }

    /** Any endpoint, for sending. */
    @Transactional
    public Optional<WebhookEndpoint> find(String id) {
        return Optional.ofNullable(em.find(WebhookEndpoint.class, id));
    }

    /** Changes an endpoint to a URL the caller checked with {@link #check}. */
    @Transactional
    public Optional<WebhookEndpoint> change(String owner, String id, URI url, String description) {
        Optional<WebhookEndpoint> endpoint = find(owner, id);
        endpoint.ifPresent(e -> e.change(url.toString(), description, clock.instant()));
        return endpoint;
    }

    /** A new secret; the old one keeps signing along for {@code herald.webhook.secret-overlap-hours}. */
    @Transactional
    public Optional<WebhookEndpoint> rotate(String owner, String id) {
        Optional<WebhookEndpoint> endpoint = find(owner, id);
        endpoint.ifPresent(
                e -> e.rotate(WebhookSignature.newSecret(), Duration.ofHours(overlapHours), clock.instant()));
        return endpoint;
    }

    @Transactional
    public boolean remove(String owner, String id) {
        Optional<WebhookEndpoint> endpoint = find(owner, id);
        endpoint.ifPresent(em::remove);
        return endpoint.isPresent();
    }

    /** For each of {@code users}: their own endpoints and the application's. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, List<String>> targets(Collection<String> users) {
        Map<String, List<String>> own = new HashMap<>();
        List<String> everyone = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT owner, id FROM webhook_endpoint WHERE owner = ANY(?) OR owner IS NULL ORDER BY id")) {
            query.setArray(1, connection.createArrayOf("varchar", users.toArray(String[]::new)));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String owner = rows.getString(1);
                    if (owner == null) {
                        everyone.add(rows.getString(2));
                    } else {
                        own.computeIfAbsent(owner, o -> new ArrayList<>()).add(rows.getString(2));
                    }
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("reading webhook endpoints failed: " + e.getMessage(), e);
        }
        if (everyone.isEmpty()) {
            return own;
        }
        Map<String, List<String>> all = new HashMap<>();
        for (String user : users) {
            List<String> targets = new ArrayList<>(own.getOrDefault(user, List.of()));
            targets.addAll(everyone);
            all.put(user, targets);
        }
        return all;
    }
}
