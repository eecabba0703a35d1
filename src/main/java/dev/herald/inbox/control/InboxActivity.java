package dev.herald.inbox.control;

import dev.herald.platform.control.BucketedCounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * Read-only: what came into the inboxes over a window and what their users did, for the operators' analytics (ops
 * composes the report): notifications stored, events absorbed, notifications seen and read, with the median seconds
 * from creation to reading, in one query: one branch per metric, each a range on its own time column (created_at,
 * absorbed_at and read_at are indexed; seen_at is not, so that branch scans), grouped by bucket, by type and in total
 * with grouping sets.
 */
@ApplicationScoped
public class InboxActivity {
    /** The metrics as counted: each has a time of its own (created, absorbed, seen, read). */
    public static final String STORED = "stored";

    public static final String ABSORBED = "absorbed";
    public static final String SEEN = "seen";
    public static final String READ = "read";

    /** grouping(channel, b, type) of each grouping set. */
    public static final int BY_BUCKET = BucketedCounts.BY_BUCKET;

    public static final int BY_TYPE = BucketedCounts.BY_TYPE;
    public static final int TOTAL = BucketedCounts.TOTAL;

    /**
     * One count of {@code metric}: in {@code bucket} ({@link #BY_BUCKET}), of {@code type} ({@link #BY_TYPE}; null for
     * events absorbed into a notification deleted since) or in total ({@link #TOTAL}); the median comes with
     * {@link #READ}.
     */
    public record Count(String metric, String type, Integer bucket, int grouping, long count, Double medianSeconds) {}

    @PersistenceContext(unitName = "herald")
    EntityManager em;

    /**
     * The counts from {@code from} (inclusive) to {@code to} in buckets of {@code bucketSeconds} from {@code first};
     * of notifications of {@code type} only when it is not null.
     */
    @Transactional
    public List<Count> counts(Instant first, long bucketSeconds, Instant from, Instant to, String type) {
        return BucketedCounts.run(em, sql(type != null), first, bucketSeconds, from, to, type).stream()
                .map(r -> new Count(r.metric(), r.type(), r.bucket(), r.grouping(), r.count(), r.medianSeconds()))
                .toList();
    }

    /**
     * ?1 the first bucket's start in epoch seconds, ?2 a bucket's seconds, ?3 and ?4 the window, ?5 the type if
     * {@code typed}. Answers (metric, channel, type, bucket, grouping, count, median seconds to read); channel is
     * always null here, the columns are those of the channels' counts.
     */
    static String sql(boolean typed) {
        String ofType = typed ? " AND n.type = ?5" : "";
        return BucketedCounts.sql(List.of(
                "SELECT '" + STORED + "' AS metric, CAST(NULL AS varchar) AS channel, n.type,"
                        + " n.created_at AS at, CAST(NULL AS float8) AS secs FROM notification n"
                        + " WHERE n.created_at >= ?3 AND n.created_at < ?4" + ofType,
                "SELECT '" + ABSORBED + "', NULL, n.type, a.absorbed_at, NULL FROM absorbed_event a"
                        + (typed ? " JOIN" : " LEFT JOIN") + " notification n ON n.id = a.notification_id"
                        + " WHERE a.absorbed_at >= ?3 AND a.absorbed_at < ?4" + ofType,
                "SELECT '" + SEEN + "', NULL, n.type, n.seen_at, NULL FROM notification n"
                        + " WHERE n.seen_at >= ?3 AND n.seen_at < ?4" + ofType,
                "SELECT '" + READ + "', NULL, n.type, n.read_at,"
                        + " CAST(extract(epoch FROM n.read_at - n.created_at) AS float8) FROM notification n"
                        + " WHERE n.read_at >= ?3 AND n.read_at < ?4" + ofType));
    }
}
