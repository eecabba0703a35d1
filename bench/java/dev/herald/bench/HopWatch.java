package dev.herald.bench;

import dev.herald.devstack.Stack;
import dev.herald.live.control.DeliveryCodec;
import dev.herald.live.entity.Frame;
import dev.herald.live.entity.UserFrames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Where publish->frame time goes: reads {@code herald.deliveries} beside Herald (no group, every partition from its
 * end) and keeps, per benchmark event, the time Herald produced its frame there (the record's create time, set by
 * Herald's producer after the intake transaction committed). Publish->that time is intake (fetch, batch linger,
 * transaction and commit, produce); that time->frame is the live hop (produce ack, fetch, socket send).
 */
final class HopWatch implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Long> producedAtMillis = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    HopWatch(String bootstrapServers) {
        consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", bootstrapServers, "fetch.max.wait.ms", "5", "enable.auto.commit", "false"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Stack.DELIVERIES_TOPIC, Duration.ofMinutes(2)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(p -> consumer.position(p, Duration.ofMinutes(2))); // the end now, before any event is published
        thread = new Thread(this::run, "bench-hop-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    DeliveryCodec.Delivery delivery = DeliveryCodec.decode(record.value());
                    if (delivery.changes() == null) {
                        continue;
                    }
                    for (UserFrames change : delivery.changes()) {
                        for (Frame frame : change.frames()) {
                            if (frame.type().equals(Frame.CREATED) && frame.json().contains("\"bench\":\"")) {
                                producedAtMillis.putIfAbsent(
                                        SocketFleet.stringField(frame.json(), "bench"), record.timestamp());
                            }
                        }
                    }
                }
            }
        } finally {
            consumer.close();
        }
    }

    /** When Herald produced the frame of benchmark event {@code id} to herald.deliveries, epoch ms; null if unseen. */
    Long producedAt(String id) {
        return producedAtMillis.get(id);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(10_000);
    }
}
