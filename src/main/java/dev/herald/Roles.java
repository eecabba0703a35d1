package dev.herald;

/** The three roles a token's {@code groups} claim can carry. */
public final class Roles {
    /** Reads and changes their own inbox. */
    public static final String USER = "user";
    /** Publishes events over {@code POST /api/events}. */
    public static final String PUBLISHER = "publisher";
    /** Operates Herald: parked events, and later replay and channels. */
    public static final String ADMIN = "admin";

    private Roles() {}
}
