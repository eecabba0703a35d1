package dev.herald.inbox.control;

import dev.herald.inbox.entity.Aggregation;
import dev.herald.inbox.entity.Notification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where each new notification of one intake batch goes: a plain one is created; one of an aggregated type joins the
 * newest aggregate of its (recipient, type, group) if that still accepts it (in the window, not archived, not read
 * when the rule says so), else it opens a new aggregate that later candidates of the batch can join. Keeps, per
 * recipient, the order in which notifications were last touched: that is the order their new {@code seq}s follow.
 * Pure: the aggregates already stored and which actors they already counted come in from the store.
 */
final class Gathering {
    /** An aggregate's identity. */
    record Key(String recipient, String type, String group) {}

    /** An (aggregate, actor) pair: each counts once. */
    record ActorPair(String notificationId, String actorId) {}

    /** One event gathered into an aggregate. */
    record Absorption(Notification target, Notification event) {}

    private final Map<Key, Notification> newest = new HashMap<>();
    private final Set<String> stored = new HashSet<>();
    private final Map<String, Boolean> readBefore = new HashMap<>();
    private final Map<String, LinkedHashMap<String, Notification>> touched = new TreeMap<>();
    private final List<Notification> created = new ArrayList<>();
    private final List<Absorption> absorptions = new ArrayList<>();
    /** The actors of aggregates opened in this batch, which the store does not know yet. */
    private final Set<ActorPair> batchActors = new LinkedHashSet<>();

    /** @param open the newest stored aggregate of each key the batch's candidates may join */
    Gathering(Collection<Notification> open) {
        for (Notification n : open) {
            newest.put(new Key(n.recipient(), n.type(), n.grouping().groupKey()), n);
            stored.add(n.id());
            readBefore.put(n.id(), n.reading().readAt() != null);
        }
    }

    /** Routes the batch's new candidates, in order. */
    void route(Collection<Notification> candidates) {
        candidates.forEach(this::route);
    }

    private void route(Notification candidate) {
        Aggregation aggregation = candidate.grouping().candidate().orElse(null);
        if (aggregation == null) {
            create(candidate);
            return;
        }
        Key key = new Key(candidate.recipient(), candidate.type(), aggregation.groupKey());
        Notification target = newest.get(key);
        if (target != null && target.grouping().accepts(aggregation, target.reading())) {
            absorptions.add(new Absorption(target, candidate));
            touch(target);
            return;
        }
        newest.put(key, candidate);
        batchActors.add(new ActorPair(candidate.id(), aggregation.actorId()));
        create(candidate);
    }

    private void create(Notification candidate) {
        created.add(candidate);
        touch(candidate);
    }

    private void touch(Notification n) {
        LinkedHashMap<String, Notification> order = touched.computeIfAbsent(n.recipient(), r -> new LinkedHashMap<>());
        order.remove(n.id());
        order.put(n.id(), n);
    }

    /** The (stored aggregate, actor) pairs the store must record, answering which it did not know. */
    Set<ActorPair> storedPairs() {
        Set<ActorPair> pairs = new LinkedHashSet<>();
        for (Absorption a : absorptions) {
            if (stored.contains(a.target().id())) {
                pairs.add(new ActorPair(
                        a.target().id(),
                        a.event().grouping().candidate().orElseThrow().actorId()));
            }
        }
        return pairs;
    }

    /**
     * Gathers every routed event into its aggregate, in order. An actor counts as new once: the first time the
     * store had not seen it for a stored aggregate ({@code newInStore}), or the first time in this batch for an
     * aggregate opened in it.
     */
    void absorb(Set<ActorPair> newInStore, Instant now) {
        Set<ActorPair> unseen = new HashSet<>(newInStore);
        for (Absorption a : absorptions) {
            ActorPair pair = new ActorPair(
                    a.target().id(),
                    a.event().grouping().candidate().orElseThrow().actorId());
            boolean newActor = stored.contains(pair.notificationId()) ? unseen.remove(pair) : batchActors.add(pair);
            a.target().absorb(a.event(), newActor, now);
        }
    }

    /** Notifications to insert. */
    List<Notification> created() {
        return created;
    }

    /** Stored aggregates that gathered events: to update, each at its new {@code seq}. */
    List<Notification> gathered() {
        return touched.values().stream()
                .flatMap(order -> order.values().stream())
                .filter(n -> stored.contains(n.id()))
                .toList();
    }

    /** Events that joined an aggregate instead of making their own notification. */
    List<Absorption> absorptions() {
        return absorptions;
    }

    /** The actors of aggregates opened in this batch, to record with them. */
    Set<ActorPair> batchActors() {
        return batchActors;
    }

    /** Per recipient (sorted), the notifications touched, in the order their new {@code seq}s follow. */
    Map<String, List<Notification>> touchedByRecipient() {
        Map<String, List<Notification>> result = new TreeMap<>();
        touched.forEach((recipient, order) -> result.put(recipient, List.copyOf(order.values())));
        return result;
    }

    /** Whether the notification was stored before this batch (so it moves rather than being created). */
    boolean wasStored(Notification n) {
        return stored.contains(n.id());
    }

    /**
     * How many of the recipient's stored aggregates were read and count as unread again (a snoozed one gathers
     * events but counts only when its snooze ends).
     */
    long reopened(String recipient) {
        return gathered().stream()
                .filter(n -> n.recipient().equals(recipient)
                        && readBefore.get(n.id())
                        && n.reading().snoozedUntil() == null)
                .count();
    }
}
