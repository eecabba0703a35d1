package dev.herald.inbox.boundary;

import dev.herald.inbox.entity.InboxCursor;
import dev.herald.inbox.entity.StateChange.Action;
import dev.herald.platform.boundary.Problem;
import dev.herald.platform.boundary.Problem.FieldError;
import dev.herald.platform.boundary.ProblemException;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** What the inbox's requests must hold beyond their shapes: the actions, a snooze's end, a cursor, read-all's filter. */
final class InboxRequests {
    static final Duration MAX_SNOOZE = Duration.ofDays(365);

    private InboxRequests() {}

    /** A change without parameters; anything else is no resource here. */
    static Action simpleAction(String action) {
        return switch (action) {
            case "read", "unread", "seen", "archive", "unarchive", "unsnooze" -> Action.valueOf(
                    action.toUpperCase(Locale.ROOT));
            default -> throw new ProblemException(Problem.of(Response.Status.NOT_FOUND, "No such action."));
        };
    }

    static void checkSnooze(Instant until, Instant now, String pointer) {
        if (until == null) {
            throw invalid(pointer, "is required for a snooze: when the notifications come back");
        }
        if (!until.isAfter(now)) {
            throw invalid(pointer, "must be in the future");
        }
        if (until.isAfter(now.plus(MAX_SNOOZE))) {
            throw invalid(pointer, "must be at most 365 days ahead");
        }
    }

    static ProblemException invalid(String pointer, String detail) {
        return new ProblemException(
                Problem.invalid("The request is not valid.", List.of(new FieldError(pointer, detail))));
    }

    static InboxCursor cursor(String text) {
        try {
            return InboxCursor.decode(text);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.invalid(
                    "A query parameter is not valid.",
                    List.of(FieldError.parameter("cursor", "is not a cursor this inbox gave out"))));
        }
    }
}
