package dev.herald.channel.control;

import static dev.herald.platform.control.SqlValues.instant;
import static dev.herald.platform.control.SqlValues.textArray;

import dev.herald.channel.entity.DeliveryTrace;
import dev.herald.channel.entity.DeliveryView.Attempt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Read-only: every delivery row of some notifications with its attempts, for an operator's story of what Herald did
 * (ops composes it; the user's own view is {@link DeliveryStatuses}). Unlike the user's view it shows targets, reasons
 * and the preferences' decision, and follows a notification listed in an email digest to the digest's delivery.
 */
@ApplicationScoped
public class DeliveryHistory {
    /**
     * The deliveries, each with its digest's delivery (a notification listed in an email digest has no attempts of its
     * own) or, while it waits for one, when the digest is due. The digest deliveries themselves are not listed.
     */
    static final String DELIVERIES = "SELECT d.id, d.notification_id, d.channel, d.target, d.status, d.reason,"
            + " d.decision,"
            + " COALESCE(g.attempts, d.attempts), COALESCE(d.due_at, g.due_at, w.due_at), d.created_at, d.updated_at,"
            + " d.digest_id, g.status, d.step FROM delivery d LEFT JOIN delivery g ON g.id = d.digest_id"
            + " LEFT JOIN digest w ON d.status = 'digest' AND d.digest_id IS NULL AND w.recipient = d.recipient"
            + " AND w.channel = d.channel WHERE d.notification_id = ANY(CAST(?1 AS varchar[]))"
            + " AND (d.target IS NULL OR d.target <> ?2) ORDER BY d.notification_id, d.channel, d.created_at, d.id";

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /** The deliveries of the notifications {@code ids} by notification id, each by channel and creation. */
    @Transactional
    public Map<String, List<DeliveryTrace>> of(List<String> ids) {
        List<?> rows = em.createNativeQuery(DELIVERIES)
                .setParameter(1, textArray(ids))
                .setParameter(2, DeliveryLedger.DIGEST_TARGET)
                .getResultList();
        Set<String> attempted = new LinkedHashSet<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            attempted.add(r[11] != null ? (String) r[11] : (String) r[0]);
        }
        Map<String, List<Attempt>> attempts = DeliveryStatuses.attemptsOf(em, List.copyOf(attempted));
        Map<String, List<DeliveryTrace>> traces = new HashMap<>();
        for (Object row : rows) {
            Object[] r = (Object[]) row;
            String digestId = (String) r[11];
            traces.computeIfAbsent((String) r[1], notification -> new ArrayList<>())
                    .add(new DeliveryTrace(
                            (String) r[0],
                            (String) r[2],
                            (String) r[3],
                            (String) r[4],
                            (String) r[6],
                            (String) r[13],
                            (String) r[5],
                            ((Number) r[7]).intValue(),
                            instant(r[8]),
                            instant(r[9]),
                            instant(r[10]),
                            digestId,
                            (String) r[12],
                            attempts.getOrDefault(digestId != null ? digestId : (String) r[0], List.of())));
        }
        return traces;
    }
}
