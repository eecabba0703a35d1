package dev.herald.inbox.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.event.control.EventIntake;
import dev.herald.event.entity.IncomingRecord;
import dev.herald.inbox.entity.InboxCursor;
import dev.herald.inbox.entity.InboxFilter;
import dev.herald.inbox.entity.Notification;
import dev.herald.inbox.entity.StateChange;
import dev.herald.testing.ArquillianServer;
import dev.herald.testing.HeraldArchive;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.transaction.TransactionalException;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Inside Liberty (Arquillian, managed container): the inbox store's transaction wiring. One transaction per batch,
 * nothing of a rolled-back batch remains (not even a consumed seq), concurrent writers for one user get distinct
 * consecutive seqs, and redelivery changes nothing.
 */
@ExtendWith({ArquillianServer.class, ArquillianExtension.class})
class NotificationStoreIT {

    @Deployment
    static WebArchive deployment() throws Exception {
        return HeraldArchive.with("herald-it.war", NotificationStoreIT.class);
    }

    @Inject
    NotificationStore store;

    @Inject
    EventIntake intake;

    @Inject
    Inbox inbox;

    @Inject
    InboxPages pages;

    @Inject
    Snoozes snoozes;

    @Inject
    UserTransaction transaction;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Inject
    TombstonePurge purge;

    @Resource(lookup = "jdbc/herald-direct")
    DataSource db;

    @Test
    void tombstonesOlderThanTheRetentionArePurgedInBatchesAndNewerOnesKept() throws Exception {
        String source = "/purge-" + UUID.randomUUID();
        Instant now = Instant.now();
        try (Connection connection = db.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO notification_tombstone"
                        + " (source, event_id, recipient, deleted_at) VALUES (?, ?, 'someone', ?)")) {
            for (int i = 0; i < 12_003; i++) {
                insert.setString(1, source);
                insert.setString(2, "e" + i);
                // 12,000 past the 30-day retention (three purge batches), three within it
                insert.setTimestamp(3, Timestamp.from(now.minus(Duration.ofDays(i < 12_000 ? 31 : 29))));
                insert.addBatch();
            }
            insert.executeBatch();
        }

        assertThat(purge.purge()).isEqualTo(12_000);
        try (Connection connection = db.getConnection();
                PreparedStatement count =
                        connection.prepareStatement("SELECT count(*) FROM notification_tombstone WHERE source = ?")) {
            count.setString(1, source);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).isEqualTo(3);
            }
        }
    }

    @Test
    void appendingNeedsTheCallersTransaction() {
        assertThatThrownBy(() -> store.append(List.of(notification(user(), "e1"))))
                .isInstanceOf(TransactionalException.class);
    }

    @Test
    void aRolledBackAppendLeavesNothingAndConsumesNoSeq() throws Exception {
        String user = user();
        transaction.begin();
        store.append(List.of(notification(user, "a"), notification(user, "b"), notification(user, "c")));
        transaction.rollback();
        assertThat(inbox.unreadCount(user)).isZero();

        transaction.begin();
        List<Notification> stored =
                store.append(List.of(notification(user, "d"))).created();
        transaction.commit();
        assertThat(stored).extracting(Notification::seq).containsExactly(1L);
        assertThat(inbox.unreadCount(user)).isEqualTo(1);
    }

    @Test
    void concurrentBatchesForOneUserGetDistinctConsecutiveSeqs() throws Exception {
        String user = user();
        List<Future<EventIntake.Outcome>> batches = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            List<IncomingRecord> batch = IntStream.range(0, 25)
                    .mapToObj(i -> record(followed(UUID.randomUUID().toString(), user)))
                    .toList();
            batches.add(executor.submit(() -> intake.process(batch)));
        }
        for (Future<EventIntake.Outcome> batch : batches) {
            assertThat(batch.get().stored()).isEqualTo(25);
        }
        List<Long> seqs = pages.page(user, InboxFilter.INBOX, InboxCursor.START, 100).items().stream()
                .map(Notification::seq)
                .sorted()
                .toList();
        assertThat(seqs)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, 100).boxed().toList());
    }

    @Test
    void concurrentBatchesOfOneUsersLikesGatherIntoOneAggregate() throws Exception {
        String user = user();
        List<Future<EventIntake.Outcome>> batches = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            int batchNo = b;
            // 25 distinct actors per batch, and the first actor of every batch is the same person
            List<IncomingRecord> batch = IntStream.range(0, 25)
                    .mapToObj(i -> record(liked(user, i == 0 ? "everywhere" : "a" + batchNo + "-" + i)))
                    .toList();
            batches.add(executor.submit(() -> intake.process(batch)));
        }
        for (Future<EventIntake.Outcome> batch : batches) {
            assertThat(batch.get().parked()).isZero();
        }
        List<Notification> items =
                pages.page(user, InboxFilter.INBOX, InboxCursor.START, 100).items();
        assertThat(items).hasSize(1);
        assertThat(items.get(0).grouping().eventCount()).isEqualTo(100);
        assertThat(items.get(0).grouping().actorCount()).isEqualTo(97);
        assertThat(items.get(0).title()).endsWith("and 94 others liked your post");
        // each batch took one number for the aggregate: created by one, moved by the three others
        assertThat(items.get(0).seq()).isEqualTo(4);
        assertThat(inbox.unreadCount(user)).isEqualTo(1);
    }

    @Test
    void aBatchStoresTheGoodParksTheBadAndIgnoresRedelivery() throws Exception {
        String user = user();
        String good = followed(UUID.randomUUID().toString(), user);
        List<IncomingRecord> batch = List.of(record(good), record("{not json"), record(good));

        assertThat(intake.process(batch)).isEqualTo(new EventIntake.Outcome(1, 1));
        assertThat(intake.process(List.of(record(good)))).isEqualTo(new EventIntake.Outcome(0, 0));
        assertThat(inbox.unreadCount(user)).isEqualTo(1);
    }

    @Test
    void theUnreadCounterFollowsEveryChangeToTheInbox() throws Exception {
        String user = user();
        transaction.begin();
        List<Notification> stored = store.append(IntStream.range(0, 6)
                        .mapToObj(i -> notification(user, "u" + i))
                        .toList())
                .created();
        transaction.commit();
        List<String> ids = stored.stream().map(Notification::id).toList();
        Instant now = Instant.now();
        assertUnreadCounter(user, 6);

        inbox.change(user, ids.get(0), READ, now);
        inbox.change(user, ids.get(0), READ, now);
        assertUnreadCounter(user, 5);
        inbox.change(user, ids.get(1), StateChange.of(StateChange.Action.ARCHIVE), now);
        assertUnreadCounter(user, 4);
        inbox.change(user, ids.get(0), StateChange.of(StateChange.Action.UNREAD), now);
        assertUnreadCounter(user, 5);
        inbox.change(user, ids.get(2), StateChange.of(StateChange.Action.SEEN), now);
        assertUnreadCounter(user, 5);
        inbox.delete(user, ids.get(3), now);
        assertUnreadCounter(user, 4);
        // a snoozed notification is not counted until it is back
        inbox.change(user, ids.get(2), StateChange.snoozeUntil(now.plusSeconds(60)), now);
        assertUnreadCounter(user, 3);
        assertThat(snoozes.wakeDue(now)).isZero();
        assertThat(snoozes.wakeDue(now.plusSeconds(61))).isEqualTo(1);
        assertUnreadCounter(user, 4);
        assertThat(pages.page(user, InboxFilter.INBOX, InboxCursor.START, 1)
                        .items()
                        .get(0)
                        .id())
                .isEqualTo(ids.get(2));
        inbox.changeAll(user, READ, null, null, now);
        assertUnreadCounter(user, 0);
        inbox.delete(user, ids.get(4), now);
        inbox.change(user, ids.get(5), StateChange.of(StateChange.Action.UNREAD), now);
        assertUnreadCounter(user, 1);

        transaction.begin();
        store.append(List.of(notification(user, "u6"), notification(user, "u7")));
        transaction.rollback();
        assertUnreadCounter(user, 1);
    }

    private static final StateChange READ = StateChange.of(StateChange.Action.READ);

    /** The kept counter and the rows themselves agree. */
    private void assertUnreadCounter(String user, int expected) {
        assertThat(pages.page(user, new InboxFilter(false, null, false, false, null, null), InboxCursor.START, 1000)
                        .items())
                .hasSize(expected);
        assertThat(inbox.unreadCount(user)).isEqualTo(expected);
    }

    private static String user() {
        return "store-" + UUID.randomUUID();
    }

    private static Notification notification(String user, String eventId) {
        return new Notification(
                user,
                "/store-test",
                eventId,
                "user.followed",
                "social",
                "t",
                "b",
                JsonValue.EMPTY_JSON_OBJECT,
                JsonValue.EMPTY_JSON_ARRAY,
                Instant.now());
    }

    private static String followed(String id, String user) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + id + "\",\"source\":\"/store-test\","
                + "\"type\":\"notification.created\",\"subject\":\"" + user + "\","
                + "\"data\":{\"title\":\"Ana follows you\",\"body\":\"\"}}";
    }

    private static String liked(String user, String actor) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/store-test\","
                + "\"type\":\"post.liked\",\"subject\":\"" + user + "\",\"data\":{\"actor\":{\"id\":\"" + actor
                + "\"},\"post\":{\"id\":\"p1\",\"title\":\"Hello\"}}}";
    }

    private static IncomingRecord record(String payload) {
        return new IncomingRecord(payload, "herald.arquillian.events", 0, 0L, null);
    }
}
