package dev.herald.channel.control;

import dev.herald.channel.entity.Contact;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Users' email addresses and phone numbers. The token's claims are written only when they differ from what this
 * instance last saw for the user, so a request costs no write.
 */
@ApplicationScoped
public class Contacts {
    private static final int REMEMBERED = 100_000;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Resource(lookup = "jdbc/herald")
    DataSource dataSource;

    @Inject
    Clock clock;

    private final Map<String, String> seen = new ConcurrentHashMap<>();

    /** The token's {@code email} and {@code phone_number} claims, when they changed since this instance last saw. */
    @Transactional
    public void fromToken(String user, String email, String phone) {
        String key = email + "\n" + phone;
        if (Objects.equals(seen.get(user), key)) {
            return;
        }
        lockedRow(user).fromToken(email, phone, clock.instant());
        if (seen.size() > REMEMBERED) {
            seen.clear();
        }
        seen.put(user, key);
    }

    @Transactional
    public Optional<Contact> of(String user) {
        return Optional.ofNullable(em.find(Contact.class, user));
    }

    /** Sets the contact as the user or an admin chose (validated). */
    @Transactional
    public Contact set(String user, String email, String phone, Contact.Source by) {
        Contact contact = lockedRow(user);
        contact.set(email, phone, by, clock.instant());
        seen.remove(user);
        return contact;
    }

    private Contact lockedRow(String user) {
        em.createNativeQuery("INSERT INTO contact (recipient, source, updated_at) VALUES (?1, 'token', ?2)"
                        + " ON CONFLICT DO NOTHING")
                .setParameter(1, user)
                .setParameter(2, Timestamp.from(clock.instant()))
                .executeUpdate();
        return em.find(Contact.class, user, LockModeType.PESSIMISTIC_WRITE);
    }

    /** For each of {@code users} with an address in {@code column} (email or phone): one null target. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, List<String>> reachable(Collection<String> users, String column) {
        if (!column.equals("email") && !column.equals("phone")) {
            throw new IllegalArgumentException(column);
        }
        Map<String, List<String>> reachable = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT recipient FROM contact WHERE recipient" + " = ANY(?) AND " + column + " IS NOT NULL")) {
            query.setArray(1, connection.createArrayOf("varchar", users.toArray(String[]::new)));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    reachable.put(rows.getString(1), Collections.singletonList(null));
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("reading contacts failed: " + e.getMessage(), e);
        }
        return reachable;
    }
}
