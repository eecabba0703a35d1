package dev.herald.live.control;

/** A token bucket: {@code burst} messages at once, refilled at {@code perSecond}. */
final class RateLimiter {
    private final double perSecond;
    private final double burst;
    private double tokens;
    private long last;

    RateLimiter(double perSecond, double burst, long nowNanos) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    synchronized boolean tryAcquire(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - last) / 1e9 * perSecond);
        last = nowNanos;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
