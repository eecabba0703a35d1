package dev.herald.live.entity;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** The frames one user's open sockets receive for one committed change, as they travel on herald.deliveries. */
public record UserFrames(String user, List<Frame> frames) {
    public UserFrames {
        requireNonNull(user);
        frames = List.copyOf(frames);
    }
}
