package dev.herald.live.control;

import dev.herald.inbox.entity.Frame;
import dev.herald.inbox.entity.InboxChanged;
import dev.herald.platform.control.JsonFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what one live session receives so that created notifications arrive in {@code seq} order, exactly once,
 * with no hole: at the seam between catch-up and live, after a frame from another instance overtook one, or after a
 * lost delivery. Frames that arrive before the session is positioned (by the client's {@code resume}, or at the
 * positioning deadline) wait. Not thread-safe: a session runs it on its own serial executor. Pure: the inbox comes in
 * through {@link InboxReader}.
 */
final class FrameSequencer {
    /** The user's inbox as the sequencer needs it. */
    interface InboxReader {
        /** {@code notification.created} frames with {@code seq > after}, oldest first, at most {@code limit}. */
        List<Frame> createdAfter(long after, int limit);

        long countAfter(long after);

        long latestSeq();

        long unreadCount();
    }

    private final InboxReader inbox;
    private final int resumeLimit;
    private final List<Frame> waiting = new ArrayList<>();
    private boolean positioned;
    private long lastSeq;

    FrameSequencer(InboxReader inbox, int resumeLimit) {
        this.inbox = inbox;
        this.resumeLimit = resumeLimit;
    }

    /** The client has everything up to {@code after}: send what follows, or a gap if that is too much. */
    List<Frame> resume(long after) {
        List<Frame> out = new ArrayList<>();
        long latest = inbox.latestSeq();
        if (after > latest || inbox.countAfter(after) > resumeLimit) {
            out.add(gap(latest));
            lastSeq = latest;
        } else {
            List<Frame> missed = inbox.createdAfter(after, resumeLimit);
            out.addAll(missed);
            lastSeq = missed.isEmpty() ? after : missed.get(missed.size() - 1).seq();
        }
        out.add(unread(inbox.unreadCount()));
        positioned = true;
        out.addAll(release());
        return out;
    }

    /** The client did not resume in time: start live from the newest notification. */
    List<Frame> position() {
        if (positioned) {
            return List.of();
        }
        lastSeq = inbox.latestSeq();
        positioned = true;
        List<Frame> out = new ArrayList<>();
        out.add(unread(inbox.unreadCount()));
        out.addAll(release());
        return out;
    }

    /** Frames from a delivery, in the order to send them. */
    List<Frame> live(List<Frame> frames) {
        if (!positioned) {
            waiting.addAll(frames);
            return List.of();
        }
        List<Frame> out = new ArrayList<>();
        for (Frame frame : frames) {
            if (!frame.isCreated()) {
                out.add(frame);
                continue;
            }
            long seq = frame.seq();
            if (seq <= lastSeq) {
                continue;
            }
            if (seq > lastSeq + 1) {
                long missing = seq - lastSeq - 1;
                if (missing > resumeLimit) {
                    out.add(gap(seq - 1));
                } else {
                    out.addAll(inbox.createdAfter(lastSeq, (int) missing));
                }
            }
            out.add(frame);
            lastSeq = seq;
        }
        return out;
    }

    long lastSeq() {
        return lastSeq;
    }

    private List<Frame> release() {
        List<Frame> held = List.copyOf(waiting);
        waiting.clear();
        return live(held);
    }

    private static Frame gap(long latest) {
        return new Frame(
                Frame.GAP,
                0,
                JsonFactory.PROVIDER
                        .createObjectBuilder()
                        .add("type", Frame.GAP)
                        .add("latestSeq", latest)
                        .build()
                        .toString());
    }

    private static Frame unread(long count) {
        return InboxChanged.unreadCountFrame(count);
    }
}
