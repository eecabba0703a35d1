package dev.herald.bench;

import dev.herald.devstack.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the parts Herald stands on can do on this machine, in the same run: Kafka and PostgreSQL alone. */
final class RawLimits {
    private RawLimits() {}

    /** Records per second from the first send to the last record consumed, for one payload size. */
    static double kafkaProduceToConsume(String bootstrap, int records, int payloadBytes) throws Exception {
        String topic = "bench.raw." + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get(2, TimeUnit.MINUTES);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("the broker did not create " + topic + " within 2 minutes", e);
            }
        }
        String payload = "x".repeat(payloadBytes);
        // its own thread: the common pool has one thread on two cores, and a test before may still hold it
        ExecutorService consumer = Executors.newSingleThreadExecutor();
        CompletableFuture<Long> consumed =
                CompletableFuture.supplyAsync(() -> consume(bootstrap, topic, records), consumer);
        consumer.shutdown();
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrap, "acks", "all", "linger.ms", "5", "batch.size", "262144"),
                new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, "user-" + (i % 1000), payload));
            }
        }
        long end;
        try {
            end = consumed.get(10, TimeUnit.MINUTES);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the " + records + " records were not all consumed within 10 minutes", e);
        }
        return records / ((end - start) / 1e9);
    }

    /** Reads the topic's partitions from the start (no group to join: nothing but the fetch is measured). */
    private static long consume(String bootstrap, String topic, int records) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", bootstrap, "max.poll.records", "2000"),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofMinutes(2)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            int seen = 0;
            while (seen < records && System.nanoTime() < deadline) {
                seen += consumer.poll(Duration.ofMillis(200)).count();
            }
            return System.nanoTime();
        }
    }

    /** Rows per second into a table shaped like the inbox (same columns, keys and indexes), JDBC batches of 500. */
    static double postgresBatchedInsert(Database database, int rows, int threads) throws Exception {
        String url = database.url() + (database.url().contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        try (Connection db = DriverManager.getConnection(url, database.user(), database.password());
                Statement sql = db.createStatement()) {
            sql.execute("DROP TABLE IF EXISTS bench_notification");
            sql.execute("CREATE TABLE bench_notification (LIKE notification INCLUDING ALL)");
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        // a thread per writer: on the common pool (one thread on two cores) they would write one after the other
        ExecutorService writers = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(CompletableFuture.runAsync(() -> insert(url, database, run + thread, rows / threads), writers));
        }
        writers.shutdown();
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        return (rows / threads * threads) / ((System.nanoTime() - start) / 1e9);
    }

    private static void insert(String url, Database database, String prefix, int rows) {
        try (Connection db = DriverManager.getConnection(url, database.user(), database.password());
                PreparedStatement insert = db.prepareStatement("INSERT INTO bench_notification (id, recipient, seq,"
                        + " source, event_id, type, category, title, body, data, actors, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)")) {
            db.setAutoCommit(false);
            Timestamp now = Timestamp.from(Instant.now());
            for (int i = 0; i < rows; i++) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, prefix + "-user-" + (i % 1000));
                insert.setLong(3, i / 1000 + 1);
                insert.setString(4, "/bench");
                insert.setString(5, prefix + "-" + i);
                insert.setString(6, "post.liked");
                insert.setString(7, "social");
                insert.setString(8, "Ana liked your post");
                insert.setString(9, "“Hello”");
                insert.setString(10, "{\"actor\":{\"name\":\"Ana\"},\"post\":{\"title\":\"Hello\"}}");
                insert.setString(11, "[{\"name\":\"Ana\"}]");
                insert.setTimestamp(12, now);
                insert.setTimestamp(13, now);
                insert.addBatch();
                if ((i + 1) % 500 == 0) {
                    insert.executeBatch();
                    db.commit();
                }
            }
            insert.executeBatch();
            db.commit();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
