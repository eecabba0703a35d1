package dev.herald.channel.control;

import dev.herald.channel.entity.Outgoing;
import dev.herald.channel.entity.SendResult;
import dev.herald.preference.entity.Channel;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What a channel's provider adapter (email, push, SMS, webhook) does for the channel machinery, which owns the outbox,
 * retries, dead letters and statuses. An adapter that is not configured is not {@link #enabled()}: its channel is
 * then skipped with that reason.
 */
public interface ChannelProvider {
    Channel channel();

    boolean enabled();

    /**
     * Where each of {@code users} can be reached on this channel, in one query for a whole intake batch: target ids (a
     * push subscription, a webhook endpoint), or one {@code null} target for the user's address. Users who cannot be
     * reached are absent.
     */
    Map<String, List<String>> targets(Collection<String> users);

    /** One attempt; a provider's failure is answered, never thrown. */
    SendResult send(Outgoing message);

    /** What a circuit breaker counts this message's failures under: the provider, or a webhook endpoint's host. */
    String breakerKey(Outgoing message);

    /** Forgets a target that is gone for good (a push subscription the push service no longer knows). */
    default void forget(String target) {}
}
