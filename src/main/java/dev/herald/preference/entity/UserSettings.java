package dev.herald.preference.entity;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.ZoneId;

/**
 * One user's own settings: the locale their notifications are worded in, their time zone, and their preferences (all
 * optional).
 */
@Entity
@Table(name = "user_setting")
public class UserSettings {
    @Id
    private String recipient;

    private String locale;

    @Column(name = "time_zone")
    private String timeZone;

    /** The preferences the user chose, as a {@link PreferencesDocument} in JSON; null: all defaults. */
    private String preferences;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected UserSettings() {}

    public UserSettings(String user) {
        this.recipient = requireNonNull(user);
    }

    /** Replaces both settings; each is already validated ({@code null} clears it). */
    public void change(String locale, ZoneId zone, Instant now) {
        this.locale = locale;
        this.timeZone = zone == null ? null : zone.getId();
        this.updatedAt = now;
    }

    /** Replaces the chosen preferences (a validated document's JSON; null: back to the defaults). */
    public void choosePreferences(String json, Instant now) {
        this.preferences = json;
        this.updatedAt = now;
    }

    public String preferences() {
        return preferences;
    }

    public String user() {
        return recipient;
    }

    public String locale() {
        return locale;
    }

    public String timeZone() {
        return timeZone;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
