package dev.herald.event.control;

import dev.herald.event.entity.CloudEvent;
import dev.herald.event.entity.IncomingRecord;
import dev.herald.event.entity.InvalidEventException;
import dev.herald.event.entity.ParkedEvent;
import dev.herald.inbox.control.NotificationStore;
import dev.herald.inbox.entity.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Where an event becomes notifications: validate, render, and store a whole batch in one transaction. */
@ApplicationScoped
public class EventIntake {
    @Inject
    EventCatalog catalog;

    @Inject
    NotificationStore store;

    @Inject
    Clock clock;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "herald.events.max-bytes", defaultValue = "262144")
    int maxBytes;

    /** What one batch did. */
    public record Outcome(int stored, int parked) {}

    /** Checks an event as intake would, without storing anything; answers the parsed event. */
    public CloudEvent check(String payload) throws InvalidEventException {
        CloudEvent event = parse(payload);
        NotificationRenderer.render(event, catalog.require(event.type()), clock.instant());
        return event;
    }

    /**
     * Stores the notifications of every valid record and parks every invalid one, all in one transaction; the
     * caller acknowledges the records only once this returned.
     */
    @Transactional
    public Outcome process(List<IncomingRecord> batch) {
        Instant now = clock.instant();
        List<Notification> candidates = new ArrayList<>();
        int parked = 0;
        for (IncomingRecord record : batch) {
            try {
                CloudEvent event = parse(record.payload());
                candidates.addAll(NotificationRenderer.render(event, catalog.require(event.type()), now));
            } catch (InvalidEventException e) {
                em.persist(new ParkedEvent(record, e.getMessage(), now));
                parked++;
            }
        }
        return new Outcome(store.append(candidates).size(), parked);
    }

    /** The same size limit over REST and from Kafka, then the envelope. */
    private CloudEvent parse(String payload) throws InvalidEventException {
        // a UTF-8 character takes at most three bytes per UTF-16 char, so most payloads need no encoding to check
        if (payload != null
                && (long) payload.length() * 3 > maxBytes
                && payload.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new InvalidEventException("the event is larger than " + maxBytes + " bytes");
        }
        return EventParser.parse(payload);
    }

    /** The largest event intake takes, in bytes of UTF-8. */
    public int maxBytes() {
        return maxBytes;
    }

    /** Parks a record that failed for a reason found only when storing it. */
    @Transactional
    public void park(IncomingRecord record, String reason) {
        em.persist(new ParkedEvent(record, reason, clock.instant()));
    }
}
