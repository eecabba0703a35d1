package dev.herald.live.control;

/** How long a restarting instance spreads its clients' reconnects over. Pure. */
final class ReconnectSpread {
    /** Never less than a second: even a few clients need not return in the same instant. */
    static final long MINIMUM_MILLIS = 1_000;

    private ReconnectSpread() {}

    /** The window for {@code sockets} clients to come back at {@code perSecond} a second. */
    static long windowMillis(int sockets, int perSecond) {
        if (perSecond <= 0) {
            throw new IllegalArgumentException("herald.live.reconnect-rate must be positive, not " + perSecond);
        }
        return Math.max(MINIMUM_MILLIS, sockets * 1_000L / perSecond);
    }
}
