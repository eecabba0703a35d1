package dev.herald.preference.control;

import dev.herald.preference.entity.Preferences;
import dev.herald.preference.entity.PreferencesChanged;
import dev.herald.preference.entity.PreferencesDocument;
import dev.herald.preference.entity.Recipient;
import dev.herald.preference.entity.UserSettings;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
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
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Users' settings and preferences: read and changed by the user, and read for every recipient of an intake batch at
 * once.
 */
@ApplicationScoped
public class Settings {
    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Resource(lookup = "jdbc/herald")
    DataSource dataSource;

    @Inject
    ChannelDefaults defaults;

    @Inject
    Event<PreferencesChanged> preferencesChanged;

    @Inject
    Clock clock;

    @Transactional
    public Optional<UserSettings> of(String user) {
        return Optional.ofNullable(em.find(UserSettings.class, user));
    }

    /** Stores the user's settings, already validated. */
    @Transactional
    public UserSettings save(String user, String locale, ZoneId zone) {
        UserSettings settings = row(user);
        settings.change(locale, zone, clock.instant());
        return settings;
    }

    /** The user's preferences in full: their choices, and the catalog's defaults for everything else. */
    @Transactional
    public PreferencesDocument preferences(String user) {
        return PreferencesDocument.effective(chosen(user).toPreferences(), defaults.categoryChannels());
    }

    /** What the user chose, as stored (empty: everything follows the defaults). */
    @Transactional
    public PreferencesDocument chosen(String user) {
        return of(user).map(UserSettings::preferences)
                .map(PreferencesJson::read)
                .orElse(new PreferencesDocument(null, null, null, null, null));
    }

    /**
     * Replaces the user's choices with a validated document; answers the preferences in full, which the user's
     * other sessions are sent after commit.
     */
    @Transactional
    public PreferencesDocument choose(String user, PreferencesDocument chosen) {
        row(user).choosePreferences(PreferencesJson.write(chosen), clock.instant());
        PreferencesDocument effective =
                PreferencesDocument.effective(chosen.toPreferences(), defaults.categoryChannels());
        preferencesChanged.fire(new PreferencesChanged(user, effective));
        return effective;
    }

    private UserSettings row(String user) {
        UserSettings settings = em.find(UserSettings.class, user);
        if (settings == null) {
            settings = new UserSettings(user);
            em.persist(settings);
        }
        return settings;
    }

    /**
     * Each of {@code users} who chose a locale, a time zone or preferences, in one statement inside the caller's
     * transaction (intake reads it for a whole batch); the others are {@link Recipient#DEFAULT}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<String, Recipient> recipients(Collection<String> users) {
        Map<String, Recipient> recipients = new HashMap<>();
        if (users.isEmpty()) {
            return recipients;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT recipient, locale, time_zone, preferences FROM user_setting WHERE recipient = ANY(?)")) {
            query.setArray(1, connection.createArrayOf("varchar", users.toArray(String[]::new)));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String zone = rows.getString(3);
                    String preferences = rows.getString(4);
                    recipients.put(
                            rows.getString(1),
                            new Recipient(
                                    rows.getString(2),
                                    zone == null ? ZoneOffset.UTC : ZoneId.of(zone),
                                    preferences == null
                                            ? Preferences.DEFAULTS
                                            : PreferencesJson.read(preferences).toPreferences()));
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("reading users' settings failed: " + e.getMessage(), e);
        }
        return recipients;
    }
}
