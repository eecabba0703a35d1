package dev.herald.live.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.live.entity.Frame;
import dev.herald.live.entity.UserFrames;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DeliveryCodecTest {
    static UserFrames change(String user, long seq) {
        return new UserFrames(
                user,
                List.of(
                        new Frame(Frame.CREATED, seq, "{\"type\":\"notification.created\",\"title\":\"Ana ❤ “x”\"}"),
                        new Frame(Frame.UNREAD_COUNT, 0, "{\"type\":\"unread.count\",\"count\":" + seq + "}")));
    }

    @Test
    void aTransactionsChangesTravelInOneRecordAndComeBackWhole() {
        List<UserFrames> changes = List.of(change("ana", 1), change("bob ü", 7), new UserFrames("eve", List.of()));

        List<byte[]> records = DeliveryCodec.encode(changes, 512 * 1024);

        assertThat(records).hasSize(1);
        DeliveryCodec.Delivery delivery = DeliveryCodec.decode(records.get(0));
        assertThat(delivery.probe()).isNull();
        assertThat(delivery.changes()).isEqualTo(changes);
    }

    @Test
    void onlyTheWantedUsersChangesAreDecodedAndTheOthersAreSteppedOverWhole() {
        List<UserFrames> changes = List.of(change("ana", 1), change("bob ü", 7), change("eve", 3), change("ana", 2));
        byte[] record = DeliveryCodec.encode(changes, 512 * 1024).get(0);

        assertThat(DeliveryCodec.decode(record, user -> !user.startsWith("bob")).changes())
                .containsExactly(changes.get(0), changes.get(2), changes.get(3));
        assertThat(DeliveryCodec.decode(record, user -> false).changes()).isEmpty();
        // a truncated record is still unreadable when the cut falls in a skipped change
        byte[] cut = java.util.Arrays.copyOf(record, record.length - 10);
        assertThatThrownBy(() -> DeliveryCodec.decode(cut, user -> false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void largeTransactionsAreSplitWithoutLosingOrReorderingAChange() {
        List<UserFrames> changes = IntStream.rangeClosed(1, 100)
                .mapToObj(i -> change("user-" + i, i))
                .toList();

        List<byte[]> records = DeliveryCodec.encode(changes, 1_000);

        assertThat(records).hasSizeGreaterThan(10).allSatisfy(r -> assertThat(r.length)
                .isLessThanOrEqualTo(1_100));
        assertThat(records.stream()
                        .flatMap(r -> DeliveryCodec.decode(r).changes().stream())
                        .toList())
                .isEqualTo(changes);
    }

    @Test
    void aChangeLargerThanTheLimitTravelsAlone() {
        UserFrames big = new UserFrames("ana", List.of(new Frame(Frame.CREATED, 1, "x".repeat(5_000))));

        List<byte[]> records = DeliveryCodec.encode(List.of(change("bob", 1), big, change("eve", 1)), 1_000);

        assertThat(records).hasSize(3);
        assertThat(DeliveryCodec.decode(records.get(1)).changes()).containsExactly(big);
    }

    @Test
    void probesAreTheirOwnKind() {
        DeliveryCodec.Delivery delivery = DeliveryCodec.decode(DeliveryCodec.probe("instance-1"));

        assertThat(delivery.probe()).isEqualTo("instance-1");
        assertThat(delivery.changes()).isEmpty();
    }

    @Test
    void somethingElseOnTheTopicIsRefusedWithAReason() {
        byte[] json = "{\"user\":\"ana\",\"frames\":[]}".getBytes(StandardCharsets.UTF_8);
        byte[] truncated =
                DeliveryCodec.encode(List.of(change("ana", 1)), 1_000).get(0);

        assertThatThrownBy(() -> DeliveryCodec.decode(json)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeliveryCodec.decode(java.util.Arrays.copyOf(truncated, truncated.length - 3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DeliveryCodec.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
