package dev.herald.preference.control;

import dev.herald.preference.entity.UserSettings;
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
import java.time.Clock;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** Users' settings: read and changed by the user, and the locale of every recipient of an intake batch at once. */
@ApplicationScoped
public class Settings {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Resource(lookup = "jdbc/herald")
    DataSource dataSource;

    @Inject
    Clock clock;

    @Transactional
    public Optional<UserSettings> of(String user) {
        return Optional.ofNullable(em.find(UserSettings.class, user));
    }

    /** Stores the user's settings, already validated. */
    @Transactional
    public UserSettings save(String user, String locale, ZoneId zone) {
        UserSettings settings = em.find(UserSettings.class, user);
        if (settings == null) {
            settings = new UserSettings(user);
            settings.change(locale, zone, clock.instant());
            em.persist(settings);
        } else {
            settings.change(locale, zone, clock.instant());
        }
        return settings;
    }

    /**
     * The chosen locale of each of {@code users} that chose one, in one statement inside the caller's transaction
     * (intake reads it for a whole batch).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, String> localesOf(Collection<String> users) {
        Map<String, String> locales = new HashMap<>();
        if (users.isEmpty()) {
            return locales;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT recipient, locale FROM user_setting WHERE recipient = ANY(?) AND locale IS NOT NULL")) {
            query.setArray(1, connection.createArrayOf("varchar", users.toArray(String[]::new)));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    locales.put(rows.getString(1), rows.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("reading users' locales failed: " + e.getMessage(), e);
        }
        return locales;
    }
}
