package dev.herald.inbox.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.inbox.control.Gathering.ActorPair;
import dev.herald.inbox.entity.Aggregation;
import dev.herald.inbox.entity.Notification;
import dev.herald.inbox.entity.StateChange;
import dev.herald.platform.control.JsonFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The aggregation rule: window edges, distinct actors, actors named, read-then-new. */
class GatheringTest {
    static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");
    static final Duration WINDOW = Duration.ofMinutes(5);
    static int events;

    /** A like of post {@code group} by {@code actor} at {@code at}, for bob. */
    static Notification like(String actor, String group, Instant at, boolean readStartsNew) {
        JsonObject who = JsonFactory.PROVIDER
                .createObjectBuilder()
                .add("id", actor)
                .add("name", actor)
                .build();
        Notification n = new Notification(
                "bob",
                "/test",
                "e" + (++events),
                "post.liked",
                "social",
                actor + " liked your post",
                "",
                JsonValue.EMPTY_JSON_OBJECT,
                JsonFactory.PROVIDER.createArrayBuilder().add(who).build(),
                at);
        return n.aggregating(new Aggregation(group, at, WINDOW, 3, readStartsNew, actor, who, GatheringTest::word));
    }

    static Notification like(String actor, Instant at) {
        return like(actor, "p1", at, false);
    }

    /** "A, B, C +4" : the names and the total, enough to see what the aggregate was told. */
    static Aggregation.Text word(List<JsonObject> named, long total) {
        String names = named.stream().map(a -> a.getString("id")).collect(Collectors.joining(", "));
        return new Aggregation.Text(names + (total > named.size() ? " +" + (total - named.size()) : ""), "");
    }

    /** Routes a batch against the stored aggregates and gathers it, the store knowing none of the actors. */
    static Gathering gather(List<Notification> stored, List<Notification> batch, Set<ActorPair> newInStore) {
        Gathering gathering = new Gathering(stored);
        gathering.route(batch);
        gathering.absorb(newInStore, T0);
        return gathering;
    }

    @Test
    void tenLikesFromSevenActorsMakeOneAggregateNamingThreeAndFourOthers() {
        List<String> actors = List.of("ana", "ben", "chen", "ana", "dana", "emil", "ben", "fatou", "gus", "gus");
        List<Notification> batch = actors.stream()
                .map(a -> like(a, T0.plusSeconds(actors.indexOf(a))))
                .toList();
        Gathering gathering = gather(List.of(), batch, Set.of());
        assertThat(gathering.created()).hasSize(1);
        Notification aggregate = gathering.created().get(0);
        assertThat(aggregate.grouping().actorCount()).isEqualTo(7);
        assertThat(aggregate.grouping().eventCount()).isEqualTo(10);
        assertThat(aggregate.title()).isEqualTo("gus, fatou, ben +4");
        assertThat(gathering.absorptions()).hasSize(9);
        assertThat(gathering.batchActors()).hasSize(7);
    }

    @Test
    void anEventAtTheEndOfTheWindowStartsANewAggregate() {
        Notification first = like("ana", T0);
        Notification inside = like("ben", T0.plus(WINDOW).minusMillis(1));
        Notification atTheEdge = like("chen", T0.plus(WINDOW));
        Gathering gathering = gather(List.of(), List.of(first, inside, atTheEdge), Set.of());
        assertThat(gathering.created()).containsExactly(first, atTheEdge);
        assertThat(first.grouping().actorCount()).isEqualTo(2);
        assertThat(atTheEdge.grouping().actorCount()).isEqualTo(1);
        assertThat(atTheEdge.grouping().windowEndsAt())
                .isEqualTo(T0.plus(WINDOW).plus(WINDOW));
    }

    @Test
    void otherGroupsAndOtherTypesDoNotMix() {
        Notification p1 = like("ana", "p1", T0, false);
        Notification p2 = like("ben", "p2", T0, false);
        Gathering gathering = gather(List.of(), List.of(p1, p2), Set.of());
        assertThat(gathering.created()).containsExactly(p1, p2);
    }

    @Test
    void aStoredAggregateGathersMovesAndCountsOnlyActorsTheStoreDidNotKnow() {
        Notification stored = like("ana", T0);
        stored.assignSeq(3);
        Notification again = like("ana", T0.plusSeconds(10));
        Notification ben = like("ben", T0.plusSeconds(20));
        Gathering gathering = gather(
                List.of(stored),
                List.of(again, ben),
                // the store already had ana for this aggregate, ben is new
                Set.of(new ActorPair(stored.id(), "ben")));
        assertThat(gathering.created()).isEmpty();
        assertThat(gathering.gathered()).containsExactly(stored);
        assertThat(gathering.storedPairs())
                .containsExactly(new ActorPair(stored.id(), "ana"), new ActorPair(stored.id(), "ben"));
        assertThat(stored.grouping().actorCount()).isEqualTo(2);
        assertThat(stored.grouping().eventCount()).isEqualTo(3);
        assertThat(stored.title()).isEqualTo("ben, ana");
        assertThat(gathering.wasStored(stored)).isTrue();
    }

    @Test
    void aReadAggregateIsReopenedOrLeftAloneAsTheRuleSays() {
        Notification reopens = like("ana", "p1", T0, false);
        reopens.assignSeq(1);
        reopens.change(StateChange.of(StateChange.Action.READ), T0.plusSeconds(1));
        Gathering gathering = gather(
                List.of(reopens),
                List.of(like("ben", "p1", T0.plusSeconds(2), false)),
                Set.of(new ActorPair(reopens.id(), "ben")));
        assertThat(gathering.gathered()).containsExactly(reopens);
        assertThat(reopens.reading().readAt()).isNull();
        assertThat(reopens.reading().seenAt()).isNull();
        assertThat(gathering.reopened("bob")).isEqualTo(1);

        Notification done = like("ana", "p1", T0, true);
        done.assignSeq(1);
        done.change(StateChange.of(StateChange.Action.READ), T0.plusSeconds(1));
        Notification next = like("ben", "p1", T0.plusSeconds(2), true);
        Gathering afterRead = gather(List.of(done), List.of(next), Set.of());
        assertThat(afterRead.gathered()).isEmpty();
        assertThat(afterRead.created()).containsExactly(next);
        assertThat(done.reading().readAt()).isNotNull();
    }

    @Test
    void anArchivedAggregateIsNeverReopened() {
        Notification archived = like("ana", T0);
        archived.assignSeq(1);
        archived.change(StateChange.of(StateChange.Action.ARCHIVE), T0.plusSeconds(1));
        Notification next = like("ben", T0.plusSeconds(2));
        Gathering gathering = gather(List.of(archived), List.of(next), Set.of());
        assertThat(gathering.created()).containsExactly(next);
    }

    @Test
    void touchedNotificationsAreNumberedInTheOrderTheyWereLastTouched() {
        Notification stored = like("ana", T0);
        stored.assignSeq(1);
        Notification plain = new Notification(
                "bob",
                "/t",
                "plain",
                "mission.completed",
                "game",
                "m",
                "",
                JsonValue.EMPTY_JSON_OBJECT,
                JsonValue.EMPTY_JSON_ARRAY,
                T0);
        Notification ben = like("ben", T0.plusSeconds(1));
        Gathering gathering = gather(List.of(stored), List.of(ben, plain), Set.of(new ActorPair(stored.id(), "ben")));
        assertThat(gathering.touchedByRecipient().get("bob")).containsExactly(stored, plain);
        Notification chen = like("chen", T0.plusSeconds(2));
        Gathering later = gather(List.of(stored), List.of(plain, chen), Set.of());
        assertThat(later.touchedByRecipient().get("bob")).containsExactly(plain, stored);
    }

    @Test
    void anAggregateIsSilentWhenTheEventItGatheredIs() {
        Notification stored = like("ana", T0);
        stored.assignSeq(1);
        Notification muted = like("ben", T0.plusSeconds(10));
        muted.handling().silence();
        stored.absorb(muted, true, T0.plusSeconds(10));
        assertThat(stored.handling().silent()).isTrue();
        Notification loud = like("chen", T0.plusSeconds(20));
        stored.absorb(loud, true, T0.plusSeconds(20));
        assertThat(stored.handling().silent()).isFalse();
    }
}
