package dev.herald.channel.control;

import dev.herald.platform.control.BucketedCounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * Read-only: what the channels did over a window, for the operators' analytics (ops composes the report): deliveries
 * delivered, failed attempts, dead letters, sends a workflow step held and sends it cancelled, per channel and bucket,
 * in one query: one branch per metric, each a range on its own time column (a delivery's updated_at outside the
 * settled statuses, its created_at, an attempt's started_at and dead_at of a resolved dead letter are not indexed, so
 * those branches scan), grouped with grouping sets. Narrowed to
 * one type, each branch joins the delivery's notification.
 */
@ApplicationScoped
public class DeliveryActivity {
    /** The metrics as counted: each has a time of its own (settled, tried, died). */
    public static final String DELIVERED = "delivered";

    public static final String FAILED = "failed";
    public static final String DEAD = "dead";
    /** Sends a workflow step held (counted when planned). */
    public static final String DELAYED = "delayed";
    /** Sends a workflow's condition cancelled (the user read it first). */
    public static final String CANCELLED = "cancelled";

    /** grouping(channel, b, type) of the per-channel buckets; the other grouping sets are by type and in total. */
    public static final int BY_BUCKET = BucketedCounts.BY_BUCKET;

    /** One count: of {@code metric} on {@code channel} in {@code bucket} when {@code grouping} is BY_BUCKET. */
    public record Count(String metric, String channel, Integer bucket, int grouping, long count) {}

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /**
     * The counts from {@code from} (inclusive) to {@code to} in buckets of {@code bucketSeconds} from {@code first};
     * of notifications of {@code type} only when it is not null.
     */
    @Transactional
    public List<Count> counts(Instant first, long bucketSeconds, Instant from, Instant to, String type) {
        return BucketedCounts.run(em, sql(type != null), first, bucketSeconds, from, to, type).stream()
                .map(r -> new Count(r.metric(), r.channel(), r.bucket(), r.grouping(), r.count()))
                .toList();
    }

    /**
     * ?1 the first bucket's start in epoch seconds, ?2 a bucket's seconds, ?3 and ?4 the window, ?5 the type if
     * {@code typed}. Answers (metric, channel, type, bucket, grouping, count, median seconds); type and median are
     * always null here, the columns are those of the inbox's counts.
     */
    static String sql(boolean typed) {
        String typeOfDelivery = typed ? " JOIN notification n ON n.id = d.notification_id AND n.type = ?5" : "";
        return BucketedCounts.sql(List.of(
                // a digest's own delivery carries the listed ones, which settle with it: those are counted
                "SELECT '" + DELIVERED + "' AS metric, d.channel AS channel, CAST(NULL AS varchar) AS type,"
                        + " d.updated_at AS at, CAST(NULL AS float8) AS secs FROM delivery d"
                        + typeOfDelivery + " WHERE d.status IN ('delivered', 'sent') AND d.updated_at >= ?3"
                        + " AND d.updated_at < ?4 AND (d.target IS NULL OR d.target <> '"
                        + DeliveryLedger.DIGEST_TARGET + "')",
                "SELECT '" + FAILED + "', d.channel, NULL, t.started_at, NULL FROM delivery_attempt t"
                        + " JOIN delivery d ON d.id = t.delivery_id" + typeOfDelivery
                        + " WHERE t.outcome IN ('transient', 'permanent') AND t.started_at >= ?3 AND t.started_at < ?4",
                "SELECT '" + DEAD + "', l.channel, NULL, l.dead_at, NULL FROM dead_letter l"
                        + (typed ? " JOIN delivery d ON d.id = l.delivery_id" + typeOfDelivery : "")
                        + " WHERE l.dead_at >= ?3 AND l.dead_at < ?4",
                "SELECT '" + DELAYED + "', d.channel, NULL, d.created_at, NULL FROM delivery d" + typeOfDelivery
                        + " WHERE d.step IS NOT NULL AND d.created_at >= ?3 AND d.created_at < ?4",
                "SELECT '" + CANCELLED + "', d.channel, NULL, d.updated_at, NULL FROM delivery d" + typeOfDelivery
                        + " WHERE d.status = 'cancelled' AND d.updated_at >= ?3 AND d.updated_at < ?4"));
    }
}
