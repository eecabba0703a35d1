package dev.herald.live.control;

import dev.herald.inbox.control.Inbox.Position;
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

        /** The newest {@code seq} (0 for an empty inbox) and the unread count, read together. */
        Position position();
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

    /**
     * The client has everything up to {@code after}: send what follows, or a gap if that is too much. A client that
     * missed nothing (the usual reconnect) costs one read; what commits after that read comes by the live path, and a
     * hole it leaves is filled there.
     */
    List<Frame> resume(long after) {
        Position now = inbox.position();
        long latest = now.latestSeq();
        List<Frame> out = new ArrayList<>();
        if (after > latest || (after < latest && inbox.countAfter(after) > resumeLimit)) {
            out.add(gap(latest));
            lastSeq = latest;
        } else {
            List<Frame> missed = after < latest ? inbox.sequencedBetween(after, latest + 1, resumeLimit) : List.of();
            out.addAll(missed);
            lastSeq = missed.isEmpty() ? after : missed.get(missed.size() - 1).seq();
        }
        out.add(unread(now.unread()));
        positioned = true;
        out.addAll(release());
        return out;
    }

    /** The client did not resume in time: start live from the newest notification. */
    List<Frame> position() {
        if (positioned) {
            return List.of();
        }
        Position now = inbox.position();
        lastSeq = now.latestSeq();
        positioned = true;
        List<Frame> out = new ArrayList<>();
        out.add(unread(now.unread()));
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
        Position now = inbox.position();
        long latest = now.latestSeq();
        if (latest <= lastSeq) {
            return List.of();
        }
        List<Frame> out = new ArrayList<>();
        if (inbox.countAfter(lastSeq) > resumeLimit) {
            out.add(gap(latest));
            lastSeq = latest;
        } else {
            List<Frame> missed = inbox.sequencedBetween(lastSeq, latest + 1, resumeLimit);
            out.addAll(missed);
            if (!missed.isEmpty()) {
                lastSeq = missed.get(missed.size() - 1).seq();
            }
        }
        out.add(unread(now.unread()));
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
