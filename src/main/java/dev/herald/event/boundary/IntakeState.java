package dev.herald.event.boundary;

import dev.herald.event.control.IntakeSwitch;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;

/**
 * {@code /api/admin/intake}: whether intake is paused, who changed it and when (null if nobody ever did), and whether
 * the instance that answers follows (left out where no instance answers for itself, as in the flow).
 */
public record IntakeState(
        boolean paused, @JsonbNillable String changedBy, @JsonbNillable Instant changedAt, ThisInstance thisInstance) {

    /** Whether the answering instance's consumer is paused. */
    public record ThisInstance(boolean paused) {}

    public static IntakeState of(IntakeSwitch.State state) {
        return new IntakeState(state.paused(), state.changedBy(), state.changedAt(), null);
    }

    static IntakeState of(IntakeSwitch.State state, boolean thisInstancePaused) {
        return new IntakeState(
                state.paused(), state.changedBy(), state.changedAt(), new ThisInstance(thisInstancePaused));
    }
}
