package dev.herald.inbox.entity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An opaque position in an inbox read newest-first: everything strictly older than {@code beforeSeq}. Clients get
 * it as a string and hand it back; its format may change.
 */
public record InboxCursor(long beforeSeq) {
    private static final String PREFIX = "v1:";
    public static final InboxCursor START = new InboxCursor(Long.MAX_VALUE);

    public InboxCursor {
        if (beforeSeq <= 0) {
            throw new IllegalArgumentException("cursor position must be positive");
        }
    }

    public String encode() {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((PREFIX + beforeSeq).getBytes(StandardCharsets.US_ASCII));
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
            return new InboxCursor(Long.parseLong(plain.substring(PREFIX.length())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid cursor", e);
        }
    }
}
