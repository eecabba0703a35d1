package dev.herald.platform.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * What one consumer loop last saw, written by its thread and read by health checks: whether it is in its group and
 * hearing from the coordinator, the last error, the lag and when it last made progress. Readiness is DOWN, with the
 * reason, when the consumer is not consuming or has lag and makes no progress for {@code stallAfter}.
 */
public final class ConsumerState {
    /** Seconds without a heartbeat to the group coordinator after which the consumer counts as cut off. */
    static final double HEARTBEAT_LIMIT_SECONDS = 10;

    private final String name;
    private final Clock clock;
    private final Duration stallAfter;
    private volatile String error = "starting";
    private volatile boolean joined;
    private volatile int partitions;
    private volatile long lag;
    private volatile double heartbeatAge = -1;
    private volatile Instant progressAt;
    private volatile Instant handlingSince;
    private volatile long handled;

    private volatile long joins;
    private volatile boolean paused;

    /** Callers waiting for the loop to hold (true) or release (false) its partitions. */
    private final Map<CompletableFuture<Boolean>, Boolean> followers = new ConcurrentHashMap<>();

    public ConsumerState(String name, Clock clock, Duration stallAfter) {
        this.name = name;
        this.clock = clock;
        this.stallAfter = stallAfter;
        this.progressAt = clock.instant();
    }

    void joined(int partitionCount) {
        joins++;
        joined = true;
        partitions = partitionCount;
        error = null;
    }

    void left() {
        joined = false;
        partitions = 0;
    }

    void failed(String reason) {
        error = reason;
        joined = false;
        handlingSince = null;
    }

    void observed(long currentLag, double lastHeartbeatSecondsAgo) {
        if (lag == 0 && currentLag > 0) {
            progressAt = clock.instant(); // the stall clock starts when there is something to do
        }
        lag = currentLag;
        heartbeatAge = lastHeartbeatSecondsAgo;
    }

    /** Paused on purpose (an operator paused intake): lag may grow and that is not a stall. */
    void paused(boolean now) {
        if (paused && !now) {
            progressAt = clock.instant(); // the stall clock starts again at the resume
        }
        paused = now;
        followers.forEach((follower, wanted) -> {
            if (wanted == now) {
                follower.complete(true);
            }
        });
    }

    /**
     * Completes with true once the loop holds its partitions paused ({@code wanted} true) or consumes again (false),
     * which it does between two batches; with false if it has not within {@code wait}. Nothing blocks meanwhile.
     */
    public CompletableFuture<Boolean> follows(boolean wanted, Duration wait) {
        CompletableFuture<Boolean> follower = new CompletableFuture<>();
        followers.put(follower, wanted);
        follower.whenComplete((done, failure) -> followers.remove(follower));
        if (paused == wanted) {
            follower.complete(true);
        }
        return follower.completeOnTimeout(false, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the loop holds its partitions paused right now. */
    public boolean isPaused() {
        return paused;
    }

    /** Records behind the end of the assigned partitions, as of the last look. */
    public long lag() {
        return lag;
    }

    /** Records handled since the instance started. */
    public long handledRecords() {
        return handled;
    }

    void handling() {
        handlingSince = clock.instant();
    }

    void handled(int records) {
        handlingSince = null;
        handled += records;
        progressAt = clock.instant();
        error = null;
    }

    /**
     * How many times the consumer was given its partitions (a new consumer after a failure, a rebalance): a consumer
     * that starts from the end may have skipped what was published meanwhile.
     */
    public long joins() {
        return joins;
    }

    /** Why the consumer is not consuming right now, or null when it is. */
    public String problem() {
        if (error != null) {
            return error;
        }
        if (!joined) {
            return "not in its consumer group yet";
        }
        if (heartbeatAge > HEARTBEAT_LIMIT_SECONDS) {
            return "no heartbeat to the Kafka group coordinator for " + (long) heartbeatAge
                    + " s (broker unreachable?)";
        }
        Instant now = clock.instant();
        Instant busy = handlingSince;
        if (busy != null && Duration.between(busy, now).compareTo(stallAfter) > 0) {
            return "one batch has been in hand for "
                    + Duration.between(busy, now).toSeconds() + " s (is the database down?)";
        }
        if (!paused && lag > 0 && Duration.between(progressAt, now).compareTo(stallAfter) > 0) {
            return "lag of " + lag + " records and no progress for "
                    + Duration.between(progressAt, now).toSeconds() + " s";
        }
        return null;
    }

    /** The readiness answer for this consumer, with what it knows in the body. */
    public HealthCheckResponse readiness(boolean running) {
        String problem = running ? problem() : "the consumer thread has ended";
        HealthCheckResponseBuilder response = HealthCheckResponse.named("kafka-consumer-" + name)
                .status(problem == null)
                .withData("partitions", partitions)
                .withData("lag", lag)
                .withData("records", handled)
                .withData("paused", paused)
                .withData("lastProgress", progressAt.toString());
        if (problem != null) {
            response.withData("error", problem);
        }
        return response.build();
    }
}
