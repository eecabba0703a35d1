package dev.herald.event.boundary;

import dev.herald.event.control.IntakeWorker;
import dev.herald.event.entity.IncomingRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Takes CloudEvents from {@code herald.events} (Liberty's {@code liberty-kafka} connector) and hands them to the
 * intake worker, which acknowledges each record after its batch committed. Nothing escapes this method: Liberty's
 * connector would stop the channel for good on an exception or a nack.
 */
@ApplicationScoped
public class EventsConsumer {
    private static final Logger LOG = Logger.getLogger(EventsConsumer.class.getName());

    @Inject
    IntakeWorker intake;

    @Incoming("herald-events")
    public CompletionStage<Void> consume(Message<String> message) {
        try {
            intake.submit(toRecord(message));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Could not hand a record to intake; it stays unacknowledged", e);
        }
        return CompletableFuture.completedFuture(null);
    }

    private static IncomingRecord toRecord(Message<String> message) {
        Runnable ack = () -> message.ack();
        try {
            @SuppressWarnings("unchecked")
            ConsumerRecord<String, String> record = message.unwrap(ConsumerRecord.class);
            return new IncomingRecord(
                    message.getPayload(), record.topic(), record.partition(), record.offset(), record.key(), ack);
        } catch (RuntimeException | LinkageError e) {
            // another connector: no Kafka coordinates to keep
            return new IncomingRecord(message.getPayload(), null, null, null, null, ack);
        }
    }
}
