package dev.herald.push.control;

import dev.herald.push.entity.PushSubscription;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Users' push subscriptions: added and removed by the browser, found for intake, forgotten when gone. */
@ApplicationScoped
public class PushSubscriptions {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Resource(lookup = "jdbc/herald")
    DataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "herald.push.max-per-user", defaultValue = "10")
    int maxPerUser;

    /**
     * Stores a subscription (its keys already checked); the same endpoint subscribing again replaces the old keys and
     * owner, since an endpoint belongs to one browser. Empty when the user has {@code herald.push.max-per-user}.
     */
    @Transactional
    public Optional<PushSubscription> subscribe(String user, String endpoint, String p256dh, String auth) {
        if (byEndpoint(endpoint).isEmpty() && of(user).size() >= maxPerUser) {
            return Optional.empty();
        }
        // one statement, so two browsers' requests for one endpoint at once cannot both insert it
        em.createNativeQuery("INSERT INTO push_subscription (id, recipient, endpoint, p256dh, auth, created_at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (endpoint) DO UPDATE SET recipient ="
                        + " EXCLUDED.recipient, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth,"
                        + " created_at = EXCLUDED.created_at")
                .setParameter(1, UUID.randomUUID().toString())
                .setParameter(2, user)
                .setParameter(3, endpoint)
                .setParameter(4, p256dh)
                .setParameter(5, auth)
                .setParameter(6, Timestamp.from(clock.instant()))
                .executeUpdate();
        em.clear();
        return byEndpoint(endpoint);
    }

    /** Removes the user's subscription of {@code endpoint}; false when the user has none there. */
    @Transactional
    public boolean unsubscribe(String user, String endpoint) {
        Optional<PushSubscription> existing =
                byEndpoint(endpoint).filter(s -> s.user().equals(user));
        existing.ifPresent(em::remove);
        return existing.isPresent();
    }

    @Transactional
    public List<PushSubscription> of(String user) {
        return em.createQuery(
                        "SELECT s FROM PushSubscription s WHERE s.recipient = :user ORDER BY s.createdAt",
                        PushSubscription.class)
                .setParameter("user", user)
                .getResultList();
    }

    @Transactional
    public Optional<PushSubscription> find(String id) {
        return Optional.ofNullable(em.find(PushSubscription.class, id));
    }

    @Transactional
    public void forget(String id) {
        find(id).ifPresent(em::remove);
    }

    private Optional<PushSubscription> byEndpoint(String endpoint) {
        return em.createQuery("SELECT s FROM PushSubscription s WHERE s.endpoint = :endpoint", PushSubscription.class)
                .setParameter("endpoint", endpoint)
                .getResultStream()
                .findFirst();
    }

    /** Each of {@code users}' subscriptions. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, List<String>> targets(Collection<String> users) {
        Map<String, List<String>> targets = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT recipient, id FROM push_subscription WHERE recipient = ANY(?) ORDER BY id")) {
            query.setArray(1, connection.createArrayOf("varchar", users.toArray(String[]::new)));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    targets.computeIfAbsent(rows.getString(1), u -> new ArrayList<>())
                            .add(rows.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("reading push subscriptions failed: " + e.getMessage(), e);
        }
        return targets;
    }
}
