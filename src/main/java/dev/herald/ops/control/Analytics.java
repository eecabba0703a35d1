package dev.herald.ops.control;

import dev.herald.channel.control.DeliveryLedger;
import dev.herald.channel.control.Providers;
import dev.herald.ops.entity.AnalyticsReport;
import dev.herald.ops.entity.AnalyticsWindow;
import dev.herald.preference.entity.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts over a window in one query: one branch per metric, each a range on its own time column (created_at,
 * absorbed_at and read_at are indexed; seen_at, a delivery's updated_at outside the settled statuses, an attempt's
 * started_at and dead_at of a resolved dead letter are not, so those branches scan), grouped by bucket and by type
 * with grouping sets; empty buckets are filled with zeros by the report.
 */
@ApplicationScoped
public class Analytics {
    /** grouping(channel, b, type) of each grouping set. */
    static final int BY_BUCKET = 1;

    static final int BY_TYPE = 6;
    static final int TOTAL = 7;

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Providers providers;

    /** The window asked for, the last 24 hours up to now by default; an impossible one is an InvalidWindowException. */
    public AnalyticsWindow window(Instant from, Instant to, AnalyticsWindow.Bucket bucket) {
        return AnalyticsWindow.of(from, to, bucket, clock.instant());
    }

    /** The report of {@code window}, of notifications of {@code type} only when it is not null. */
    @Transactional
    public AnalyticsReport report(AnalyticsWindow window, String type) {
        Query query = em.createNativeQuery(sql(type != null))
                .setParameter(1, window.first().getEpochSecond())
                .setParameter(2, window.bucket().seconds())
                .setParameter(3, Timestamp.from(window.from()))
                .setParameter(4, Timestamp.from(window.to()));
        if (type != null) {
            query.setParameter(5, type);
        }
        AnalyticsReport.Tally tally = new AnalyticsReport.Tally(window, type, configuredChannels());
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            String metric = (String) r[0];
            long count = ((Number) r[5]).longValue();
            Double median = r[6] == null ? null : ((Number) r[6]).doubleValue();
            int grouping = ((Number) r[4]).intValue();
            if (grouping == BY_BUCKET) {
                tally.bucket(metric, (String) r[1], ((Number) r[3]).intValue(), count);
            } else if (AnalyticsReport.CHANNEL_SERIES.contains(metric)) {
                continue; // the channels are counted by bucket only
            } else if (grouping == BY_TYPE) {
                tally.byType(metric, (String) r[2], count, median);
            } else if (grouping == TOTAL) {
                tally.total(metric, count, median);
            } else {
                throw new IllegalStateException("unexpected grouping " + grouping);
            }
        }
        return tally.report();
    }

    /** The channels with a provider, shown even when nothing was counted for them. */
    private List<String> configuredChannels() {
        List<String> channels = new ArrayList<>();
        for (Channel channel : Channel.values()) {
            if (channel != Channel.IN_APP && providers.enabled(channel)) {
                channels.add(channel.wire());
            }
        }
        return channels;
    }

    /**
     * ?1 the first bucket's start in epoch seconds, ?2 a bucket's seconds, ?3 and ?4 the window, ?5 the type if
     * {@code typed}. Answers (metric, channel, type, bucket, grouping, count, median seconds to read).
     */
    static String sql(boolean typed) {
        String ofType = typed ? " AND n.type = ?5" : "";
        String typeOfDelivery = typed ? " JOIN notification n ON n.id = d.notification_id AND n.type = ?5" : "";
        String branches = String.join(
                " UNION ALL ",
                "SELECT '" + AnalyticsReport.STORED + "' AS metric, CAST(NULL AS varchar) AS channel, n.type,"
                        + " n.created_at AS at, CAST(NULL AS float8) AS secs FROM notification n"
                        + " WHERE n.created_at >= ?3 AND n.created_at < ?4" + ofType,
                "SELECT '" + AnalyticsReport.ABSORBED + "', NULL, n.type, a.absorbed_at, NULL FROM absorbed_event a"
                        + (typed ? " JOIN" : " LEFT JOIN") + " notification n ON n.id = a.notification_id"
                        + " WHERE a.absorbed_at >= ?3 AND a.absorbed_at < ?4" + ofType,
                "SELECT '" + AnalyticsReport.SEEN + "', NULL, n.type, n.seen_at, NULL FROM notification n"
                        + " WHERE n.seen_at >= ?3 AND n.seen_at < ?4" + ofType,
                "SELECT '" + AnalyticsReport.READ + "', NULL, n.type, n.read_at,"
                        + " CAST(extract(epoch FROM n.read_at - n.created_at) AS float8) FROM notification n"
                        + " WHERE n.read_at >= ?3 AND n.read_at < ?4" + ofType,
                // a digest's own delivery carries the listed ones, which settle with it: those are counted
                "SELECT '" + AnalyticsReport.DELIVERED + "', d.channel, NULL, d.updated_at, NULL FROM delivery d"
                        + typeOfDelivery + " WHERE d.status IN ('delivered', 'sent') AND d.updated_at >= ?3"
                        + " AND d.updated_at < ?4 AND (d.target IS NULL OR d.target <> '"
                        + DeliveryLedger.DIGEST_TARGET + "')",
                "SELECT '" + AnalyticsReport.FAILED + "', d.channel, NULL, t.started_at, NULL FROM delivery_attempt t"
                        + " JOIN delivery d ON d.id = t.delivery_id" + typeOfDelivery
                        + " WHERE t.outcome IN ('transient', 'permanent') AND t.started_at >= ?3 AND t.started_at < ?4",
                "SELECT '" + AnalyticsReport.DEAD + "', l.channel, NULL, l.dead_at, NULL FROM dead_letter l"
                        + (typed ? " JOIN delivery d ON d.id = l.delivery_id" + typeOfDelivery : "")
                        + " WHERE l.dead_at >= ?3 AND l.dead_at < ?4");
        return "SELECT metric, channel, type, b, GROUPING(channel, b, type), count(*),"
                + " percentile_cont(0.5) WITHIN GROUP (ORDER BY secs) FROM (SELECT metric, channel, type, secs,"
                + " CAST(floor((extract(epoch FROM at) - ?1) / ?2) AS integer) AS b FROM (" + branches + ") e) x"
                + " GROUP BY GROUPING SETS ((metric, channel, b), (metric, type), (metric))";
    }
}
