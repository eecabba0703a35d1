package dev.herald.channel.control;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * When a failed delivery is tried again: exponential backoff with full jitter (a random delay between zero and
 * {@code base * 2^(tries-1)}, capped), never earlier than the provider's {@code Retry-After}. With the defaults (8
 * tries, 30 s base, 10 min cap) the tries spread over about half an hour.
 */
public final class RetryPolicy {
    private final int maxAttempts;
    private final Duration base;
    private final Duration cap;
    private final LongUnaryOperator random;

    public RetryPolicy(int maxAttempts, Duration base, Duration cap) {
        this(maxAttempts, base, cap, bound -> ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /** @param random a uniform draw from 0 to its argument, inclusive */
    RetryPolicy(int maxAttempts, Duration base, Duration cap, LongUnaryOperator random) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
        this.maxAttempts = maxAttempts;
        this.base = base;
        this.cap = cap;
        this.random = random;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    /** Whether a delivery that failed {@code tries} times gets another try. */
    public boolean retries(int tries) {
        return tries < maxAttempts;
    }

    /** The wait after the {@code tries}-th failed try. */
    public Duration delay(int tries, Duration retryAfter) {
        int doublings = Math.min(Math.max(tries - 1, 0), 30);
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << doublings);
        Duration jittered = Duration.ofMillis(random.applyAsLong(Math.max(ceiling, 0)));
        return retryAfter != null && retryAfter.compareTo(jittered) > 0 ? retryAfter : jittered;
    }
}
