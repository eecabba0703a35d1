package dev.herald.live.boundary;

import dev.herald.inbox.entity.InboxChanged;
import dev.herald.live.control.LiveProbe;
import dev.herald.live.control.SessionRegistry;
import dev.herald.platform.control.JsonFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code herald.deliveries} (this instance's own consumer group) and hands each change to the local sessions
 * of its user. Acknowledges at once: a live frame is not durable state, the inbox is. Never throws.
 */
@ApplicationScoped
public class DeliveriesConsumer {
    private static final Logger LOG = Logger.getLogger(DeliveriesConsumer.class.getName());

    @Inject
    SessionRegistry sessions;

    @Inject
    LiveProbe probe;

    @Incoming("herald-deliveries")
    public CompletionStage<Void> consume(Message<String> message) {
        try (JsonReader reader = JsonFactory.PROVIDER.createReader(new StringReader(message.getPayload()))) {
            JsonObject json = reader.readObject();
            if (json.containsKey("probe")) {
                probe.echoed(json.getString("probe"));
            } else {
                sessions.deliver(InboxChanged.fromJson(json));
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "Skipping an unreadable live delivery: " + e);
        }
        return message.ack();
    }
}
