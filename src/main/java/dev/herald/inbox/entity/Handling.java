package dev.herald.inbox.entity;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.Embeddable;
import jakarta.persistence.Transient;
import java.util.Map;

/**
 * How a notification is handled on its way to its user: its priority, whether it is silent, and (not stored here)
 * how far its delivery got on each channel besides the inbox.
 */
@Embeddable
public class Handling {
    private String priority;

    /** Stored but not worth a toast (see {@link #silence}); kept, so a client catching up is told too. */
    private boolean silent;

    /** Per channel besides the inbox, how far it got (e.g. email: queued); empty if not known. */
    @Transient
    private Map<String, String> channels = Map.of();

    protected Handling() {}

    static Handling normal() {
        Handling h = new Handling();
        h.priority = "normal";
        return h;
    }

    static Handling restore(StoredRow row) {
        Handling h = new Handling();
        h.priority = row.text("priority");
        h.silent = row.flag("silent");
        return h;
    }

    void prioritize(String priority) {
        this.priority = requireNonNull(priority);
    }

    /** Stored but not worth a toast: the user muted it, turned its category off in the inbox, or is in quiet hours. */
    public void silence() {
        silent = true;
    }

    /** Silent as the newest event an aggregate gathered is (the recipient's preferences decide for that event). */
    void followSilence(Handling newest) {
        silent = newest.silent;
    }

    /** Notes how far its delivery got on each channel besides the inbox (shown with it, not stored). */
    public void reportChannels(Map<String, String> statuses) {
        this.channels = Map.copyOf(statuses);
    }

    public Map<String, String> channels() {
        return channels;
    }

    public String priority() {
        return priority;
    }

    public boolean silent() {
        return silent;
    }
}
