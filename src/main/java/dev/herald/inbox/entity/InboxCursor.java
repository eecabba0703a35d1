package dev.herald.inbox.entity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An opaque position in an inbox read newest-first: the inbox as it stood when the walk began ({@code snapshot}, the
 * user's last {@code seq} then; 0 before the first page) and everything at a place strictly below {@code before}.
 * Notifications that arrive during the walk are above the snapshot and not in it (the live stream brings them); one
 * that moves to the top during the walk is still found at its old place. Clients get it as a string and hand it back;
 * its format may change.
 */
public record InboxCursor(long snapshot, long before) {
    private static final String PREFIX = "v2:";
    public static final InboxCursor START = new InboxCursor(0, Long.MAX_VALUE);

    public InboxCursor {
        if (snapshot < 0 || before <= 0) {
            throw new IllegalArgumentException("cursor position must be positive");
        }
    }

    /** The first page's cursor, fixed to the inbox as it stands at {@code snapshot}. */
    public InboxCursor at(long snapshot) {
        return this.snapshot == 0 ? new InboxCursor(snapshot, before) : this;
    }

    public InboxCursor next(long lastPlace) {
        return new InboxCursor(snapshot, lastPlace);
    }

    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + snapshot + ":" + before).getBytes(StandardCharsets.US_ASCII));
    }

    /** Decodes a cursor from a client; null or blank means the start. */
    public static InboxCursor decode(String text) {
        if (text == null || text.isBlank()) {
            return START;
        }
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            if (!plain.startsWith(PREFIX)) {
                throw new IllegalArgumentException("not a Herald cursor");
            }
            String[] parts = plain.substring(PREFIX.length()).split(":", -1);
            if (parts.length != 2) {
                throw new IllegalArgumentException("not a Herald cursor");
            }
            return new InboxCursor(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid cursor", e);
        }
    }
}
