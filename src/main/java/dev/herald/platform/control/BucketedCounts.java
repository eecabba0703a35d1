package dev.herald.platform.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts over a window for the operators' analytics, in one statement: the caller's branches each answer (metric,
 * channel, type, at, secs) rows (one branch per metric, each a range on its own time column); they are grouped by
 * bucket, by type and in total with grouping sets, with the median of {@code secs}. Parameters: ?1 the first bucket's
 * start in epoch seconds, ?2 a bucket's seconds, ?3 and ?4 the window, ?5 the type when the branches filter by it.
 */
public final class BucketedCounts {
    /** grouping(channel, b, type) of each grouping set. */
    public static final int BY_BUCKET = 1;

    public static final int BY_TYPE = 6;
    public static final int TOTAL = 7;

    /** One count of a metric: in a bucket, of a type or in total ({@code grouping}), with the median seconds. */
    public record Row(
            String metric,
            String channel,
            String type,
            Integer bucket,
            int grouping,
            long count,
            Double medianSeconds) {}

    private BucketedCounts() {}

    /** The statement around {@code branches}, joined with UNION ALL (the first branch names the columns). */
    public static String sql(List<String> branches) {
        return "SELECT metric, channel, type, b, GROUPING(channel, b, type), count(*),"
                + " percentile_cont(0.5) WITHIN GROUP (ORDER BY secs) FROM (SELECT metric, channel, type, secs,"
                + " CAST(floor((extract(epoch FROM at) - ?1) / ?2) AS integer) AS b FROM ("
                + String.join(" UNION ALL ", branches) + ") e) x"
                + " GROUP BY GROUPING SETS ((metric, channel, b), (metric, type), (metric))";
    }

    /** Runs {@code sql} for the window; {@code type} is bound as ?5 when it is not null. */
    public static List<Row> run(
            EntityManager em, String sql, Instant first, long bucketSeconds, Instant from, Instant to, String type) {
        Query query = em.createNativeQuery(sql)
                .setParameter(1, first.getEpochSecond())
                .setParameter(2, bucketSeconds)
                .setParameter(3, Timestamp.from(from))
                .setParameter(4, Timestamp.from(to));
        if (type != null) {
            query.setParameter(5, type);
        }
        List<Row> rows = new ArrayList<>();
        for (Object row : query.getResultList()) {
            Object[] r = (Object[]) row;
            rows.add(new Row(
                    (String) r[0],
                    (String) r[1],
                    (String) r[2],
                    r[3] == null ? null : ((Number) r[3]).intValue(),
                    ((Number) r[4]).intValue(),
                    ((Number) r[5]).longValue(),
                    r[6] == null ? null : ((Number) r[6]).doubleValue()));
        }
        return rows;
    }
}
