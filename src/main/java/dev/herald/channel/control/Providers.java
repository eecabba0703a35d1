package dev.herald.channel.control;

import dev.herald.preference.entity.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The provider adapter of each channel besides the inbox, found among the beans implementing the SPI. */
@ApplicationScoped
public class Providers {
    @Inject
    @Any
    Instance<ChannelProvider> all;

    private volatile Map<Channel, ChannelProvider> byChannel;

    /**
     * Builds every provider at start, so a provider configured wrongly (an unknown SMTP security mode, VAPID keys that
     * do not match, SMS without a sender) stops the application with the reason instead of failing each intake batch.
     */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        byChannel().values().forEach(ChannelProvider::enabled);
    }

    private Map<Channel, ChannelProvider> byChannel() {
        Map<Channel, ChannelProvider> known = byChannel;
        if (known == null) {
            known = new EnumMap<>(Channel.class);
            for (ChannelProvider provider : all) {
                known.put(provider.channel(), provider);
            }
            byChannel = known;
        }
        return known;
    }

    /** Whether {@code channel} has a configured provider. */
    public boolean enabled(Channel channel) {
        return find(channel).map(ChannelProvider::enabled).orElse(false);
    }

    public Optional<ChannelProvider> find(Channel channel) {
        return Optional.ofNullable(byChannel().get(channel));
    }

    public ChannelProvider of(Channel channel) {
        return find(channel).orElseThrow(() -> new IllegalStateException("no provider for " + channel.wire()));
    }
}
