package dev.herald.ops.boundary;

import dev.herald.platform.boundary.Problem;
import dev.herald.platform.boundary.ProblemException;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The query parameters, checked with Bean Validation; exactly one of user and event is checked after. */
public record StoryQuery(
        @Size(min = 1, max = 200, message = "must be 1 to 200 characters")
                @Pattern(regexp = StoryResource.NO_NUL, message = "must not contain a NUL character")
                String user,
        @Size(min = 1, max = 200, message = "must be 1 to 200 characters")
                @Pattern(regexp = StoryResource.NO_NUL, message = "must not contain a NUL character")
                String event,
        @Pattern(regexp = "[1-9][0-9]?|1[0-9]{2}|200", message = "must be a whole number from 1 to 200") String limit) {
    /** Refuses a query naming neither a user nor an event, or both. */
    void requireOneSubject() {
        if (user == null && event == null) {
            throw new ProblemException(Problem.invalid(
                    "Name a user or an event.", List.of(Problem.FieldError.parameter("user", "give user or event"))));
        }
        if (user != null && event != null) {
            throw new ProblemException(Problem.invalid(
                    "Name a user or an event, not both.",
                    List.of(Problem.FieldError.parameter("event", "give user or event, not both"))));
        }
    }

    int max() {
        return limit == null ? StoryResource.DEFAULT_LIMIT : Integer.parseInt(limit);
    }
}
