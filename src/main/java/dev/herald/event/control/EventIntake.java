package dev.herald.event.control;

import dev.herald.channel.control.DeliveryPlanner;
import dev.herald.event.entity.AcceptedEvent;
import dev.herald.event.entity.CloudEvent;
import dev.herald.event.entity.EventType;
import dev.herald.event.entity.IncomingRecord;
import dev.herald.event.entity.InvalidEventException;
import dev.herald.event.entity.ParkedEvent;
import dev.herald.event.entity.Violation;
import dev.herald.inbox.control.NotificationStore;
import dev.herald.inbox.entity.Notification;
import dev.herald.preference.control.Settings;
import dev.herald.preference.entity.Channel;
import dev.herald.preference.entity.Decision;
import dev.herald.preference.entity.Notice;
import dev.herald.preference.entity.Preferences;
import dev.herald.preference.entity.Recipient;
import dev.herald.workflow.entity.Workflow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where an event becomes notifications: check the envelope, the type and its data schema, find the recipients and
 * their locales, render, and store a whole batch in one transaction, with the channel deliveries its new notifications
 * get (the outbox). A silent type stops after the checks.
 */
@ApplicationScoped
public class EventIntake {
    @Inject
    EventCatalog catalog;

    @Inject
    NotificationStore store;

    @Inject
    Settings settings;

    @Inject
    EventCounts counts;

    @Inject
    DeliveryPlanner planner;

    @Inject
    ScheduledEvents scheduled;

    @Inject
    @ConfigProperty(name = "herald.schedule.max-days", defaultValue = "90")
    int scheduleMaxDays;

    @Inject
    Clock clock;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "herald.events.max-bytes", defaultValue = "262144")
    int maxBytes;

    /** What one batch did. */
    public record Outcome(int stored, int parked) {}

    /** Checks a structured-mode event as intake would, without storing anything. */
    public AcceptedEvent check(String payload) throws InvalidEventException {
        AcceptedEvent accepted = accept(parse(new IncomingRecord(payload, null, null, null, null)), clock.instant());
        if (!accepted.type().silent()) {
            NotificationRenderer.render(catalog.catalog(), accepted, Map.of(), clock.instant());
        }
        return accepted;
    }

    /**
     * Stores the notifications of every valid record and parks every invalid one, all in one transaction; the
     * caller acknowledges the records only once this returned.
     */
    @Transactional
    public Outcome process(List<IncomingRecord> batch) {
        return intake(batch, clock.instant(), true);
    }

    /**
     * Takes scheduled events whose time came ({@link ScheduledEvents}), inside its transaction, as {@link #process}
     * takes new ones at {@code now}: checked against the catalog in use now, stored, or parked with the reason.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome release(List<IncomingRecord> batch, Instant now) {
        return intake(batch, now, false);
    }

    private Outcome intake(List<IncomingRecord> batch, Instant now, boolean holdScheduled) {
        List<IncomingRecord> records = new ArrayList<>(batch.size());
        List<AcceptedEvent> accepted = new ArrayList<>(batch.size());
        List<ScheduledEvents.Held> held = null;
        int parked = 0;
        for (IncomingRecord record : batch) {
            try {
                AcceptedEvent event = accept(parse(record), now);
                if (holdScheduled && event.event().scheduledAfter(now)) {
                    if (held == null) {
                        held = new ArrayList<>();
                    }
                    held.add(new ScheduledEvents.Held(record, event.event()));
                    continue;
                }
                accepted.add(event);
                records.add(record);
            } catch (InvalidEventException e) {
                park(record, e, now);
                parked++;
            }
        }
        if (held != null) {
            scheduled.hold(held, now);
        }
        List<Integer> unrenderable = new ArrayList<>();
        NotificationStore.Appended appended = storeAll(accepted, null, now, (i, e) -> {
            park(records.get(i), e, now);
            unrenderable.add(i);
        });
        parked += unrenderable.size();
        for (int i = 0; i < accepted.size(); i++) {
            if (!unrenderable.contains(i)) {
                counts.accepted(accepted.get(i).type().type());
            }
        }
        return new Outcome(appended.size(), parked);
    }

    /** What a replayed batch did: events that matched the filter, of them how many were stored anew, invalid ones. */
    public record Replayed(int matched, int restored, int invalid) {}

    /**
     * Runs records read back from {@code herald.events} through intake again, in one transaction: only events of
     * {@code type} and only for {@code user} when those are given. What is stored already stays as it is (intake is
     * idempotent per event and recipient); an event counts as restored when anything of it was stored anew. Invalid
     * records are counted, not parked again (they were parked when they first came).
     */
    @Transactional
    public Replayed replay(List<IncomingRecord> batch, String user, String type) {
        Instant now = clock.instant();
        List<AcceptedEvent> matched = new ArrayList<>(batch.size());
        int invalid = 0;
        for (IncomingRecord record : batch) {
            try {
                CloudEvent event = parse(record);
                if (type != null && !type.equals(event.type()) || event.scheduledAfter(now)) {
                    // another type, or a scheduled event not due yet: it is held, and fires at its time
                    continue;
                }
                AcceptedEvent accepted = accept(event, now);
                if (!accepted.type().silent()
                        && (user == null || accepted.recipients().contains(user))) {
                    matched.add(accepted);
                }
            } catch (InvalidEventException e) {
                // counted: a replay reports how many records were invalid, they stay parked from their first intake
                invalid++;
            }
        }
        int[] unrenderable = {0};
        NotificationStore.Appended appended = storeAll(matched, user, now, (i, e) -> unrenderable[0]++);
        Set<String> restored = new HashSet<>();
        appended.stored().forEach(key -> restored.add(key.source() + "\n" + key.eventId()));
        int restoredEvents = (int) matched.stream()
                .filter(e ->
                        restored.contains(e.event().source() + "\n" + e.event().id()))
                .count();
        return new Replayed(matched.size() - unrenderable[0], restoredEvents, invalid + unrenderable[0]);
    }

    /** What to do with the event at an index whose templates cannot be rendered. */
    private interface RenderFailure {
        void failed(int index, InvalidEventException e);
    }

    /**
     * Renders the accepted events for their recipients (or only {@code onlyUser}) in their locales, stores what is
     * new, and plans the channel deliveries of what it created.
     */
    private NotificationStore.Appended storeAll(
            List<AcceptedEvent> accepted, String onlyUser, Instant now, RenderFailure renderFailed) {
        Set<String> recipients = new LinkedHashSet<>();
        accepted.forEach(event -> recipients.addAll(event.recipients()));
        if (onlyUser != null) {
            recipients.retainAll(Set.of(onlyUser));
        }
        Map<String, Recipient> settingsOf = settings.recipients(recipients);
        Map<String, String> locales = new HashMap<>();
        settingsOf.forEach((user, recipient) -> {
            if (recipient.locale() != null) {
                locales.put(user, recipient.locale());
            }
        });
        List<Notification> candidates = new ArrayList<>();
        Map<Notification, Map<Channel, Decision>> decisions = new IdentityHashMap<>();
        Map<Notification, Workflow> workflows = new IdentityHashMap<>();
        for (int i = 0; i < accepted.size(); i++) {
            AcceptedEvent event = accepted.get(i);
            if (event.type().silent()) {
                continue;
            }
            try {
                List<Notification> rendered = NotificationRenderer.render(catalog.catalog(), event, locales, now);
                if (onlyUser != null) {
                    rendered = rendered.stream()
                            .filter(n -> n.recipient().equals(onlyUser))
                            .toList();
                }
                decide(rendered, settingsOf, now, decisions);
                if (!event.type().workflow().isEmpty()) {
                    rendered.forEach(n -> workflows.put(n, event.type().workflow()));
                }
                candidates.addAll(rendered);
            } catch (InvalidEventException e) {
                renderFailed.failed(i, e);
            }
        }
        NotificationStore.Appended appended = store.append(candidates);
        planner.plan(
                appended.created().stream()
                        .map(n -> new DeliveryPlanner.Planned(
                                n,
                                decisions.get(n),
                                workflows.getOrDefault(n, Workflow.NONE),
                                settingsOf
                                        .getOrDefault(n.recipient(), Recipient.DEFAULT)
                                        .zone()))
                        .toList(),
                now);
        if (!appended.gathered().isEmpty()) {
            List<DeliveryPlanner.Gathered> batched = appended.gathered().stream()
                    .map(n -> new DeliveryPlanner.Gathered(n, catalog.workflowOf(n.type())))
                    .filter(g -> !g.workflow().isEmpty())
                    .toList();
            if (!batched.isEmpty()) {
                planner.extend(batched, now);
            }
        }
        return appended;
    }

    /**
     * Decides once, for each rendered notification, what its recipient's preferences say on the inbox and on each
     * channel its type uses. The inbox stores every notification; one the preferences would not announce in the app
     * now (muted, in quiet hours, category off in the app) is marked silent, so live sessions show it without a
     * toast. The planner writes the other channels' deliveries from the same decisions.
     */
    private void decide(
            List<Notification> rendered,
            Map<String, Recipient> settingsOf,
            Instant now,
            Map<Notification, Map<Channel, Decision>> decisions) {
        Notice notice = null;
        Map<Channel, Decision> byDefault = null;
        for (Notification n : rendered) {
            Recipient recipient = settingsOf.getOrDefault(n.recipient(), Recipient.DEFAULT);
            if (notice == null) {
                notice = notice(n);
            }
            Map<Channel, Decision> decided;
            if (recipient.preferences() == Preferences.DEFAULTS) {
                // the defaults have no quiet hours, mute or digest, so their decisions are the same in every zone:
                // one map for all the event's recipients who changed nothing (most of them)
                if (byDefault == null) {
                    byDefault =
                            Collections.unmodifiableMap(Preferences.DEFAULTS.decideAll(notice, now, recipient.zone()));
                }
                decided = byDefault;
            } else {
                decided = recipient.preferences().decideAll(notice, now, recipient.zone());
            }
            if (!decided.get(Channel.IN_APP).deliversNow()) {
                n.handling().silence();
            }
            decisions.put(n, decided);
        }
    }

    /** What the preferences decide on: the notification's category, priority and the channels its type uses. */
    private Notice notice(Notification n) {
        return new Notice(n.category(), "critical".equals(n.handling().priority()), catalog.channelsOf(n.type()));
    }

    /** The type, its data schema and the recipients; a silent type has none. */
    private AcceptedEvent accept(CloudEvent event, Instant now) throws InvalidEventException {
        if (event.deliverAt() != null && event.deliverAt().isAfter(now.plus(Duration.ofDays(scheduleMaxDays)))) {
            throw new InvalidEventException(
                    "/deliverat", "is more than " + scheduleMaxDays + " days ahead (HERALD_SCHEDULE_MAX_DAYS)");
        }
        EventType type = catalog.require(event.type());
        List<Violation> violations = type.schema().check(event.data());
        if (!violations.isEmpty()) {
            throw new InvalidEventException(violations);
        }
        return new AcceptedEvent(
                event, type, type.silent() ? List.of() : type.recipients().resolve(event));
    }

    /** The same size limit over REST and from Kafka, then the envelope, structured or binary. */
    private CloudEvent parse(IncomingRecord record) throws InvalidEventException {
        String payload = record.payload();
        // a UTF-8 character takes at most three bytes per UTF-16 char, so most payloads need no encoding to check
        if (payload != null
                && (long) payload.length() * 3 > maxBytes
                && payload.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new InvalidEventException("", "the event is larger than " + maxBytes + " bytes");
        }
        return EventParser.isBinary(record.headers())
                ? EventParser.parseBinary(record.headers(), payload)
                : EventParser.parse(payload);
    }

    /** The largest event intake takes, in bytes of UTF-8. */
    public int maxBytes() {
        return maxBytes;
    }

    private void park(IncomingRecord record, InvalidEventException e, Instant now) {
        em.persist(new ParkedEvent(record, e.getMessage(), e.violations(), now));
    }

    /** Parks a record that failed for a reason found only when storing it. */
    @Transactional
    public void park(IncomingRecord record, String reason) {
        em.persist(new ParkedEvent(record, reason, List.of(new Violation("", reason)), clock.instant()));
    }
}
