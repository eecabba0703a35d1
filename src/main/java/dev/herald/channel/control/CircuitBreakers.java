package dev.herald.channel.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit breaker per provider key (an SMTP host, the SMS provider, a push service's host, a webhook endpoint), in this instance's memory: after
 * {@code threshold} failures in a row the provider is left alone for {@code openFor}; then one message tries it (half
 * open): a success closes the breaker, a failure opens it again. Messages that meet an open breaker wait for it without
 * using a try. MicroProfile Fault Tolerance's {@code @CircuitBreaker} keeps one breaker per method, not per key, so
 * one failing webhook endpoint would stop every other.
 */
public final class CircuitBreakers {
    /** How long the others wait while one message tries a half-open provider. */
    static final Duration TRIAL_WAIT = Duration.ofSeconds(10);

    private final int threshold;
    private final Duration openFor;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    public CircuitBreakers(int threshold, Duration openFor) {
        this.threshold = threshold;
        this.openFor = openFor;
    }

    /** When the breaker of {@code key} lets a message through again; empty when it does now. */
    public Optional<Instant> blockedUntil(String key, Instant now) {
        State state = states.get(key);
        return state == null ? Optional.empty() : state.blockedUntil(now);
    }

    public void record(String key, boolean success, Instant now) {
        if (success) {
            states.remove(key);
        } else {
            states.computeIfAbsent(key, k -> new State()).failed(now, threshold, openFor);
        }
    }

    /** Each open (or half-open) breaker and until when it stays open, for health. */
    public Map<String, Instant> open() {
        Map<String, Instant> open = new TreeMap<>();
        states.forEach((key, state) -> state.openUntil().ifPresent(until -> open.put(key, until)));
        return open;
    }

    private static final class State {
        private int failures;
        private Instant openUntil;
        private boolean trialOut;

        synchronized void failed(Instant now, int threshold, Duration openFor) {
            failures++;
            trialOut = false;
            if (failures >= threshold) {
                openUntil = now.plus(openFor);
            }
        }

        synchronized Optional<Instant> blockedUntil(Instant now) {
            if (openUntil == null) {
                return Optional.empty();
            }
            if (now.isBefore(openUntil)) {
                return Optional.of(openUntil);
            }
            if (trialOut) {
                // half open: one message is trying; the others wait for its outcome rather than cycle every second
                return Optional.of(now.plus(TRIAL_WAIT));
            }
            trialOut = true;
            return Optional.empty();
        }

        synchronized Optional<Instant> openUntil() {
            return Optional.ofNullable(openUntil);
        }
    }
}
