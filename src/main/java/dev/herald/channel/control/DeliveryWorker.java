package dev.herald.channel.control;

import dev.herald.channel.entity.DeliveryStatus;
import dev.herald.channel.entity.Outgoing;
import dev.herald.channel.entity.SendResult;
import dev.herald.preference.entity.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Sends one delivery a channel consumer received: takes it (only if still queued), asks the provider's circuit breaker,
 * calls the provider outside any transaction, and records the outcome. Logs name the delivery and the outcome, never
 * the message or the address.
 */
@ApplicationScoped
public class DeliveryWorker {
    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class.getName());

    /**
     * Resolved at the first count, on a delivery thread: readiness asks this bean about its breakers, and a server
     * may run health checks on a thread of its own (Payara does) where no application's registry can be found.
     */
    @Inject
    Provider<MetricRegistry> registry;

    @Inject
    DeliveryLedger ledger;

    @Inject
    Providers providers;

    @Inject
    ChannelSettings settings;

    @Inject
    Clock clock;

    private volatile CircuitBreakers breakers;
    private final Map<String, Channel> channelOfKey = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();

    public void deliver(String deliveryId) {
        Optional<Outgoing> taken = ledger.claim(deliveryId, clock.instant());
        if (taken.isEmpty()) {
            return;
        }
        Outgoing message = taken.get();
        ChannelProvider provider = providers.of(message.channel());
        String key = provider.breakerKey(message);
        channelOfKey.putIfAbsent(key, message.channel());
        Optional<Instant> blocked = breakers().blockedUntil(key, clock.instant());
        if (blocked.isPresent()) {
            ledger.postpone(
                    message, blocked.get(), "waiting: the circuit breaker of " + key + " is open", clock.instant());
            return;
        }
        SendResult result = send(provider, message, key);
        breakers().record(key, result.kind() != SendResult.Kind.TRANSIENT, clock.instant());
        Optional<DeliveryStatus> status =
                ledger.finish(message, result, settings.retryPolicy(message.channel()), clock.instant());
        counter("herald.channel.attempts", message.channel(), result.outcome()).inc();
        if (status.isEmpty()) {
            LOG.info(() -> "Attempt " + message.attempt() + " of delivery " + deliveryId + " ended after its lease;"
                    + " a later attempt owns the delivery");
        } else if (status.get() == DeliveryStatus.DEAD) {
            counter("herald.channel.dead", message.channel(), null).inc();
            LOG.warning(
                    () -> "Delivery " + deliveryId + " (" + message.channel().wire() + ") is a dead letter after"
                            + " attempt " + message.attempt() + ": " + result.outcome()
                            + (result.statusCode() == null ? "" : " " + result.statusCode()));
        }
    }

    /** A channel's counter (by outcome too when given), looked up in the registry once and kept. */
    private Counter counter(String name, Channel channel, String outcome) {
        return counters.computeIfAbsent(
                name + "|" + channel.wire() + "|" + outcome,
                k -> outcome == null
                        ? registry.get().counter(name, new Tag("channel", channel.wire()))
                        : registry.get()
                                .counter(name, new Tag("channel", channel.wire()), new Tag("outcome", outcome)));
    }

    /** Each open (or half-open) breaker on this instance and until when it stays open, for health. */
    public Map<String, Instant> openBreakers() {
        return breakers().open();
    }

    /** The open (or half-open) breakers of one channel: provider key and until when. */
    public Map<String, Instant> openBreakers(Channel channel) {
        Map<String, Instant> open = new java.util.TreeMap<>();
        breakers().open().forEach((key, until) -> {
            if (channelOfKey.get(key) == channel) {
                open.put(key, until);
            }
        });
        return open;
    }

    private static SendResult send(ChannelProvider provider, Outgoing message, String key) {
        try {
            return provider.send(message);
        } catch (RuntimeException e) {
            // an adapter's own bug must not stop the worker; the delivery is retried and the failure is on record
            LOG.log(Level.WARNING, "Provider " + key + " threw for delivery " + message.deliveryId(), e);
            return SendResult.transientFailure(null, e.getClass().getSimpleName(), null);
        }
    }

    private CircuitBreakers breakers() {
        CircuitBreakers current = breakers;
        if (current == null) {
            synchronized (this) {
                if (breakers == null) {
                    breakers = settings.newBreakers();
                }
                current = breakers;
            }
        }
        return current;
    }
}
