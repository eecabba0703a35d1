package dev.herald.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Load for fault tests, at a steady rate for a fixed time, to a few users: through a Kafka producer (idempotent,
 * {@code acks=all}, retrying across a broker outage) or through {@code POST /api/events}. It remembers which events
 * were acknowledged (broker ack, or 202): those must all be stored, once.
 */
public final class EventLoad {
    private final List<String> users;
    private final String prefix = Events.newId();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<String> sent = ConcurrentHashMap.newKeySet();
    private final AtomicInteger refused = new AtomicInteger();
    private final Map<String, Integer> restAnswers = new ConcurrentHashMap<>();
    private final AtomicInteger counter = new AtomicInteger();
    private volatile boolean stopped;
    private final long started = System.nanoTime();
    private volatile long finished;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Future<?>> running = new ArrayList<>();

    public EventLoad(List<String> users) {
        this.users = List.copyOf(users);
    }

    /** Produces {@code perSecond} events a second for {@code duration} straight to Kafka. */
    public EventLoad viaKafka(String bootstrapServers, int perSecond, Duration duration) {
        KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(
                        "bootstrap.servers", bootstrapServers,
                        "acks", "all",
                        "enable.idempotence", "true",
                        "delivery.timeout.ms", "180000",
                        "max.block.ms", "120000",
                        "reconnect.backoff.max.ms", "1000"),
                new StringSerializer(),
                new StringSerializer());
        running.add(threads.submit(() -> {
            try (producer) {
                paced(perSecond, duration, () -> {
                    Event event = next();
                    sent.add(event.id);
                    producer.send(new ProducerRecord<>("herald.events", event.user, event.json), (meta, failure) -> {
                        if (failure == null) {
                            acknowledged.add(event.id);
                        } else {
                            refused.incrementAndGet();
                        }
                    });
                });
                producer.flush();
            }
            return null;
        }));
        return this;
    }

    /** Posts {@code perSecond} events a second for {@code duration} from {@code clients} parallel clients. */
    public EventLoad viaRest(Herald herald, int clients, int perSecond, Duration duration) {
        String token = herald.token("load", "publisher");
        for (int c = 0; c < clients; c++) {
            running.add(threads.submit(() -> {
                paced(Math.max(1, perSecond / clients), duration, () -> {
                    Event event = next();
                    sent.add(event.id);
                    try {
                        int status = herald.post("/api/events", token, "application/cloudevents+json", event.json)
                                .statusCode();
                        restAnswers.merge(String.valueOf(status), 1, Integer::sum);
                        if (status == 202) {
                            acknowledged.add(event.id);
                        } else {
                            refused.incrementAndGet();
                        }
                    } catch (Exception e) {
                        restAnswers.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                        refused.incrementAndGet();
                    }
                });
                return null;
            }));
        }
        return this;
    }

    /** Waits until every sender is done (Kafka producers: flushed). */
    public void await(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Future<?> each : running) {
            each.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
        finished = System.nanoTime();
        threads.shutdown();
    }

    public Set<String> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    public Set<String> sent() {
        return Set.copyOf(sent);
    }

    public int refused() {
        return refused.get();
    }

    /** How {@code POST /api/events} answered: status code (or the client's exception) to count. */
    public Map<String, Integer> restAnswers() {
        return new java.util.TreeMap<>(restAnswers);
    }

    public String prefix() {
        return prefix;
    }

    private record Event(String id, String user, String json) {}

    private Event next() {
        int n = counter.getAndIncrement();
        String user = users.get(n % users.size());
        String id = prefix + "-" + n;
        return new Event(id, user, Events.postLiked(id, user, "Ana", "load " + n));
    }

    private interface Step {
        void run() throws Exception;
    }

    /** From the first sender's start to the last sender's end (or now, while they run). */
    public Duration elapsed() {
        long end = finished == 0 ? System.nanoTime() : finished;
        return Duration.ofNanos(end - started);
    }

    /** Ends the load before its duration is up; the senders stop at their next event. */
    public void stop() {
        stopped = true;
    }

    /**
     * {@code perSecond} steps a second until {@code duration} is up (or the load is stopped): a sender that falls
     * behind (the server or broker slow to answer) catches up without pauses, but never goes on past the end.
     */
    private void paced(int perSecond, Duration duration, Step step) throws Exception {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        for (long next = start; next < end && System.nanoTime() < end && !stopped; next += interval) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            step.run();
        }
    }
}
