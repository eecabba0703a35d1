package dev.herald.preference.control;

import static dev.herald.platform.control.SqlValues.textArray;

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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
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
        UserSettings settings = lockedRow(user);
        settings.change(locale, zone, clock.instant());
        return settings;
    }

    /** The user's preferences in full: their choices, and the catalog's defaults for everything else. */
    @Transactional
    public PreferencesDocument preferences(String user) {
        Preferences chosen = of(user).map(UserSettings::preferences)
                .map(json -> PreferencesJson.read(json).toPreferences())
                .orElse(Preferences.DEFAULTS);
        return PreferencesDocument.effective(chosen, defaults.categoryChannels());
    }

    /**
     * Changes the user's choices: {@code change} gets what they chose so far (an empty document: all defaults) and
     * answers the new, validated choices (or throws, changing nothing). The user's row is locked meanwhile, so two
     * changes at once apply one after the other. Answers the preferences in full, which the user's other sessions are
     * sent after commit.
     */
    @Transactional
    public PreferencesDocument change(String user, UnaryOperator<PreferencesDocument> change) {
        UserSettings row = lockedRow(user);
        PreferencesDocument chosen = change.apply(
                row.preferences() == null
                        ? new PreferencesDocument(null, null, null, null, null)
                        : PreferencesJson.read(row.preferences()));
        row.choosePreferences(PreferencesJson.write(chosen), clock.instant());
        PreferencesDocument effective =
                PreferencesDocument.effective(chosen.toPreferences(), defaults.categoryChannels());
        preferencesChanged.fire(new PreferencesChanged(user, effective));
        return effective;
    }

    /** The user's row, created if it is not there yet (by this or a concurrent request), locked until commit. */
    private UserSettings lockedRow(String user) {
        em.createNativeQuery("INSERT INTO user_setting (recipient, updated_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, user)
                .setParameter(2, Timestamp.from(clock.instant()))
                .executeUpdate();
        return em.find(UserSettings.class, user, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Read-only, for an operator's story (ops composes it): the time zone each of {@code users} chose, as stored; a user
     * who chose none (or has no row) is absent or maps to null.
     */
    @Transactional
    public Map<String, String> timeZones(Collection<String> users) {
        Map<String, String> zones = new HashMap<>();
        for (Object row : em.createNativeQuery(
                        "SELECT recipient, time_zone FROM user_setting WHERE recipient = ANY(CAST(?1 AS varchar[]))")
                .setParameter(1, textArray(List.copyOf(users)))
                .getResultList()) {
            Object[] r = (Object[]) row;
            zones.put((String) r[0], (String) r[1]);
        }
        return zones;
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
