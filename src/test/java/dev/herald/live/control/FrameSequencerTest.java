package dev.herald.live.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.inbox.control.Inbox;
import dev.herald.live.entity.Frame;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class FrameSequencerTest {
    /** An inbox holding seq 1..latest, except the vacated ones (an aggregate moved away from them). */
    static final class FakeInbox implements FrameSequencer.InboxReader {
        long latest;
        /** Round trips to the inbox: one per call. */
        int reads;

        final Set<Long> vacated = new TreeSet<>();

        FakeInbox(long latest) {
            this.latest = latest;
        }

        @Override
        public List<Frame> sequencedBetween(long after, long before, int limit) {
            reads++;
            return LongStream.rangeClosed(after + 1, latest)
                    .filter(seq -> seq < before && !vacated.contains(seq))
                    .limit(limit)
                    .mapToObj(FrameSequencerTest::created)
                    .toList();
        }

        @Override
        public long countAfter(long after) {
            reads++;
            return LongStream.rangeClosed(after + 1, latest)
                    .filter(seq -> !vacated.contains(seq))
                    .count();
        }

        @Override
        public Inbox.Position position() {
            reads++;
            return new Inbox.Position(latest, latest);
        }
    }

    static Frame created(long seq) {
        return new Frame(Frame.CREATED, seq, "{\"type\":\"notification.created\",\"seq\":" + seq + "}");
    }

    /** A state change: not sequenced. */
    static Frame updated(long seq) {
        return new Frame(Frame.UPDATED, 0, "{\"type\":\"notification.updated\",\"seq\":" + seq + "}");
    }

    /** An aggregate that gathered an event and moved to {@code seq}. */
    static Frame moved(long seq) {
        return new Frame(Frame.UPDATED, seq, "{\"type\":\"notification.updated\",\"seq\":" + seq + "}");
    }

    static List<Object> describe(List<Frame> frames) {
        return frames.stream()
                .map(f -> (Object) (f.type() + (f.seq() > 0 ? ":" + f.seq() : "")))
                .toList();
    }

    final FakeInbox inbox = new FakeInbox(5);
    final FrameSequencer sequencer = new FrameSequencer(inbox, 10);

    @Test
    void resumeSendsWhatWasMissedThenTheCount() {
        assertThat(describe(sequencer.resume(2)))
                .containsExactly(
                        "notification.created:3", "notification.created:4", "notification.created:5", "unread.count");
        assertThat(sequencer.lastSeq()).isEqualTo(5);
    }

    @Test
    void aClientThatMissedNothingCostsOneRead() {
        assertThat(describe(sequencer.resume(5))).containsExactly("unread.count");
        assertThat(sequencer.lastSeq()).isEqualTo(5);
        assertThat(inbox.reads).isEqualTo(1);
    }

    @Test
    void whatCommitsAfterTheResumeReadComesByTheLivePathOnce() {
        assertThat(describe(sequencer.resume(3)))
                .containsExactly("notification.created:4", "notification.created:5", "unread.count");
        inbox.latest = 7; // 6 and 7 commit after the resume read; 7's frame arrives, 6's was overtaken
        assertThat(describe(sequencer.live(List.of(created(7)))))
                .containsExactly("notification.created:6", "notification.created:7");
        assertThat(describe(sequencer.live(List.of(created(6))))).isEmpty();
    }

    @Test
    void framesBeforeTheResumeWaitAndTheSeamHasNoDuplicateOrHole() {
        inbox.latest = 6; // 6 committed and delivered while the client was still connecting
        assertThat(sequencer.live(List.of(created(6)))).isEmpty();
        inbox.latest = 7;
        List<Frame> out = sequencer.resume(4);
        assertThat(describe(out))
                .containsExactly(
                        "notification.created:5", "notification.created:6", "notification.created:7", "unread.count");
        assertThat(describe(sequencer.live(List.of(created(7), created(8))))).containsExactly("notification.created:8");
    }

    @Test
    void aHoleIsFilledFromTheInboxAndDuplicatesAreDropped() {
        sequencer.resume(5);
        inbox.latest = 9;
        assertThat(describe(sequencer.live(List.of(created(8)))))
                .containsExactly("notification.created:6", "notification.created:7", "notification.created:8");
        assertThat(sequencer.live(List.of(created(6), created(8)))).isEmpty();
        assertThat(describe(sequencer.live(List.of(updated(3))))).containsExactly("notification.updated");
    }

    @Test
    void anAggregateMovedToTheTopIsSequencedLikeACreatedOne() {
        sequencer.resume(5);
        // seq 6: the aggregate that was at 2 gathered a like; 7: a new notification
        inbox.latest = 7;
        inbox.vacated.add(2L);
        assertThat(describe(sequencer.live(List.of(moved(6), created(7)))))
                .containsExactly("notification.updated:6", "notification.created:7");
        assertThat(sequencer.live(List.of(moved(6))))
                .as("a duplicate is dropped")
                .isEmpty();
    }

    @Test
    void vacatedNumbersAreNoHoleAndAreNotFilledTwice() {
        sequencer.resume(5);
        // 6 moved on to 8 before this instance delivered 6; 7 was created; 8 arrives first
        inbox.latest = 8;
        inbox.vacated.add(6L);
        assertThat(describe(sequencer.live(List.of(moved(8)))))
                .containsExactly("notification.created:7", "notification.updated:8");
        assertThat(sequencer.live(List.of(created(7)))).isEmpty();
        assertThat(sequencer.lastSeq()).isEqualTo(8);
    }

    @Test
    void resumeShowsAnAggregateOnceAtItsNewestPlace() {
        inbox.latest = 7;
        inbox.vacated.add(3L); // moved to 7
        assertThat(describe(sequencer.resume(2)))
                .containsExactly(
                        "notification.created:4",
                        "notification.created:5",
                        "notification.created:6",
                        "notification.created:7",
                        "unread.count");
    }

    @Test
    void tooFarBehindGetsAGap() {
        inbox.latest = 50;
        assertThat(describe(sequencer.resume(3))).containsExactly("gap", "unread.count");
        assertThat(sequencer.lastSeq()).isEqualTo(50);
        assertThat(describe(sequencer.live(List.of(created(51))))).containsExactly("notification.created:51");
    }

    @Test
    void aClientAheadOfTheServerGetsAGap() {
        assertThat(describe(sequencer.resume(99))).containsExactly("gap", "unread.count");
        assertThat(sequencer.lastSeq()).isEqualTo(5);
    }

    @Test
    void withoutResumeTheSessionStartsAtTheNewest() {
        assertThat(sequencer.live(List.of(created(5)))).isEmpty();
        assertThat(describe(sequencer.position())).containsExactly("unread.count");
        assertThat(describe(sequencer.live(List.of(created(6))))).containsExactly("notification.created:6");
        assertThat(sequencer.position()).isEmpty();
    }

    @Test
    void afterAnInterruptionTheTailThatNeverArrivedIsSentOnceAndNothingWhenThereIsNone() {
        FakeInbox inbox = new FakeInbox(3);
        FrameSequencer sequencer = new FrameSequencer(inbox, 10);
        sequencer.resume(3);
        // 4..6 were committed while the live path was down: no later frame comes to reveal the hole
        inbox.latest = 6;
        assertThat(sequencer.catchUp()).extracting(Frame::seq).containsExactly(4L, 5L, 6L, 0L);
        assertThat(sequencer.catchUp()).isEmpty();
        assertThat(sequencer.live(List.of(created(6), created(7))))
                .extracting(Frame::seq)
                .containsExactly(7L);
    }

    @Test
    void aCatchUpBeyondTheResumeLimitIsAGap() {
        FakeInbox inbox = new FakeInbox(0);
        FrameSequencer sequencer = new FrameSequencer(inbox, 2);
        sequencer.resume(0);
        inbox.latest = 5;
        List<Frame> out = sequencer.catchUp();
        assertThat(out.get(0).type()).isEqualTo(Frame.GAP);
        assertThat(sequencer.lastSeq()).isEqualTo(5);
    }
}
