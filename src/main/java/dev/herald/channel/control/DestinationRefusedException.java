package dev.herald.channel.control;

/**
 * Says that Herald will not send webhooks to a URL, in words fit to show the user who gave it. The message names at
 * most the host, never the path, query or user-info, which may hold secrets.
 */
public final class DestinationRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DestinationRefusedException(String message) {
        super(message);
    }
}
