package dev.herald.live.boundary;

import dev.herald.live.control.DeliveryCodec;
import dev.herald.live.control.LiveProbe;
import dev.herald.live.control.SessionRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code herald.deliveries} (this instance's own consumer group) and hands the changes to the local sessions of
 * their users. Acknowledges at once: a live frame is not durable state, the inbox is. Never throws.
 */
@ApplicationScoped
public class DeliveriesConsumer {
    private static final Logger LOG = Logger.getLogger(DeliveriesConsumer.class.getName());

    @Inject
    SessionRegistry sessions;

    @Inject
    LiveProbe probe;

    @Incoming("herald-deliveries")
    public CompletionStage<Void> consume(Message<byte[]> message) {
        try {
            DeliveryCodec.Delivery delivery = DeliveryCodec.decode(message.getPayload());
            if (delivery.probe() != null) {
                probe.echoed(delivery.probe());
            } else {
                sessions.deliver(delivery.changes());
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "Skipping an unreadable live delivery: " + e);
        }
        return message.ack();
    }
}
