package dev.herald.live.control;

import dev.herald.live.entity.Frame;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what one live session receives so that sequenced frames (a created notification, an aggregate moved to the
 * top) arrive in {@code seq} order, exactly once,
 * with no hole: at the seam between catch-up and live, after a frame from another instance overtook one, or after a
 * lost delivery. Frames that arrive before the session is positioned (by the client's {@code resume}, or at the
 * positioning deadline) wait. Not thread-safe: a session runs it on its own serial executor. Pure: the inbox comes in
 * through {@link InboxReader}.
 */
final class FrameSequencer {
    /** The user's inbox as the sequencer needs it. */
    interface InboxReader {
        /**
         * The catch-up frames of the notifications with {@code after < seq < before}, oldest first, at most
         * {@code limit}. Numbers in between may hold nothing: an aggregate leaves its old {@code seq} when it moves.
         */
        List<Frame> sequencedBetween(long after, long before, int limit);

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
            List<Frame> missed = inbox.sequencedBetween(after, Long.MAX_VALUE, resumeLimit);
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

    /**
     * What was committed after the last frame sent and never arrived, because the live path itself was interrupted (a
     * broker outage): without this, such a hole is filled only when a later notification comes.
     */
    List<Frame> catchUp() {
        if (!positioned) {
            return List.of();
        }
        long latest = inbox.latestSeq();
        if (latest <= lastSeq) {
            return List.of();
        }
        List<Frame> out = new ArrayList<>();
        if (inbox.countAfter(lastSeq) > resumeLimit) {
            out.add(gap(latest));
            lastSeq = latest;
        } else {
            List<Frame> missed = inbox.sequencedBetween(lastSeq, Long.MAX_VALUE, resumeLimit);
            out.addAll(missed);
            if (!missed.isEmpty()) {
                lastSeq = missed.get(missed.size() - 1).seq();
            }
        }
        out.add(unread(inbox.unreadCount()));
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
            if (!frame.sequenced()) {
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
                    out.addAll(inbox.sequencedBetween(lastSeq, seq, (int) missing));
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
        return Frames.gap(latest);
    }

    private static Frame unread(long count) {
        return Frames.unreadCount(count);
    }
}
