package dev.herald.bench;

import java.io.StringReader;

import jakarta.json.Json;

import dev.herald.testing.ChannelPeers;

import dev.herald.devmode.control.TokenSigner;
import dev.herald.devstack.Database;
import dev.herald.devstack.HeraldServer;
import dev.herald.devstack.Ports;
import dev.herald.devstack.Stack;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Herald's benchmark: raw Kafka and PostgreSQL limits, end-to-end throughput to open sockets, publish-to-frame latency
 * at a fixed rate with many sockets, idle-socket capacity with heap per socket, reconnect time after a restart, and
 * exactly-once delivery counted. Usage: bench/run.sh [--smoke] [--events=N --sockets=N ...].
 */
public final class Benchmark {
    /** Looked up once: {@code Json.createObjectBuilder()} scans the class path for a provider on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final Settings settings;
    private final Stack stack;
    private final HeraldServer liberty;
    private final Map<String, String> environment;
    private final TokenSigner signer;
    private final Results results = new Results();
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    Benchmark(Settings settings, Stack stack, HeraldServer liberty, Map<String, String> environment) {
        this.settings = settings;
        this.stack = stack;
        this.liberty = liberty;
        this.environment = environment;
        this.signer = stack.keys().signer();
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        Path target = Path.of(System.getProperty("herald.bench.dir", "target/bench"));
        // durable by default, as users run PostgreSQL; --fast-db for an embedded one that does not flush commits
        Stack stack = Stack.start(target.resolve("work"), Ports.free(), !settings.fastDatabase());
        Map<String, String> env = new HashMap<>(stack.heraldEnvironment());
        // Liberty's GC log (one file per process: it restarts in the connections phase); deep stacks when profiling;
        // -Dherald.bench.liberty.jvm adds any other JVM option for a diagnostic run
        env.put("JVM_ARGS", "-Xmx1g -Xlog:gc:file=" + target.toAbsolutePath().resolve("liberty-gc-%p.log")
                + (System.getProperty("herald.bench.jfr") == null ? "" : " -XX:FlightRecorderOptions:stackdepth=512")
                + " " + System.getProperty("herald.bench.liberty.jvm", ""));
        env.put("HERALD_LIVE_RESUME_LIMIT", "100000");
        // the workflow phase moves Herald's clock past its steps' delays instead of waiting 15 minutes
        env.put("HERALD_DEV_CLOCK_ENABLED", "true");
        // the channels phase's providers: an SMTP server and a webhook receiver in this JVM
        ChannelPeers peers = ChannelPeers.shared();
        env.putAll(peers.heraldEnvironment());
        // Open Liberty, or Payara Micro with -Dherald.server=payara (HERALD_BENCH_SERVER=payara bench/run.sh); the
        // figures keep the name "liberty" for whichever server runs Herald
        HeraldServer liberty = HeraldServer.create("herald", Ports.free(), env);
        int exit = 1;
        try {
            liberty.start(Duration.ofMinutes(3));
            Benchmark benchmark = new Benchmark(settings, stack, liberty, env);
            benchmark.runAll();
            benchmark.report(target);
            exit = 0;
        } finally {
            liberty.stop();
            stack.close();
        }
        System.exit(exit);
    }

    /** A phase of the run; {@code --phases} names the ones to run, in this order. */
    private interface Phase {
        void run() throws Exception;
    }

    void runAll() throws Exception {
        System.out.println("Herald benchmark" + (settings.smoke() ? " (smoke)" : "") + ": " + settings);
        Map<String, Phase> phases = new LinkedHashMap<>();
        phases.put("raw", this::rawLimits);
        phases.put("throughput", this::throughput);
        phases.put("aggregation", this::aggregation);
        phases.put("channels", this::channels);
        phases.put("latency", this::latency);
        phases.put("retention", this::retention);
        phases.put("connections", this::connections);
        phases.put("instances", this::instances);
        // last: it moves Herald's clock 16 minutes ahead, which the latency phase's timestamps would not survive
        phases.put("workflow", this::workflow);
        for (Map.Entry<String, Phase> phase : phases.entrySet()) {
            if (settings.runs(phase.getKey())) {
                long start = System.nanoTime();
                System.out.println("phase " + phase.getKey() + " started");
                try {
                    phase.getValue().run();
                } catch (Exception e) {
                    // a CI report shows the exception's class, not where in the run it happened: say which phase
                    throw new IllegalStateException("phase " + phase.getKey() + " failed after "
                            + Math.round((System.nanoTime() - start) / 1e9) + " s: " + e, e);
                }
                System.out.printf("phase %s took %.1f s%n", phase.getKey(), (System.nanoTime() - start) / 1e9);
            }
        }
    }

    void report(Path target) throws IOException {
        String table = results.table();
        System.out.println();
        System.out.println(table);
        Map<String, String> machine = machine();
        machine.put("postgres", stack.database().describe());
        results.write(target.resolve("results.json"), machine);
        Files.writeString(target.resolve("results.md"), "Machine: " + machine + "\n\n" + table);
        System.out.println("Written to " + target.resolve("results.json") + " and results.md");
    }

    Results results() {
        return results;
    }

    // --- raw limits ---

    private void rawLimits() throws Exception {
        results.add("raw", "kafka produce->consume",
                RawLimits.kafkaProduceToConsume(stack.bootstrapServers(), settings.rawRecords(), settings.payloadBytes()),
                "records/s");
        results.add("raw", "postgres batched insert, 1 thread",
                RawLimits.postgresBatchedInsert(stack.database(), settings.rawRecords(), 1), "rows/s");
        double cpu = CpuMeter.machineSeconds();
        results.add("raw", "postgres batched insert, 2 threads",
                RawLimits.postgresBatchedInsert(stack.database(), settings.rawRecords(), 2), "rows/s");
        results.add("raw", "postgres insert rows per machine cpu-s",
                settings.rawRecords() / (CpuMeter.machineSeconds() - cpu), "rows/cpu-s");
    }

    // --- throughput ---

    private void throughput() throws Exception {
        List<String> users = users("tp", settings.throughputUsers());
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        try (SocketFleet fleet = new SocketFleet(liberty.baseUri(), signer, (user, frame) -> {
            String id = SocketFleet.stringField(frame, "bench");
            if (id.contains("-tp-")) {
                seen.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            }
        })) {
            fleet.open(users, 100);
            // the JIT compiles Liberty's startup and the hot paths for minutes (profiled: C1/C2 threads took 44% of
            // Liberty's CPU in a 30,000-event run); warm up in rounds, at most --warmup-rounds, until they take under
            // a fifth of it
            long pid = libertyPid();
            for (int round = 1; round <= settings.warmupRounds(); round++) {
                CpuMeter jit = new CpuMeter(pid);
                int warmup = settings.warmupEvents();
                send(records(users, "warmup" + round, warmup));
                awaitCount(fleet, warmup, Duration.ofMinutes(10));
                fleet.created.addAndGet(-warmup);
                double share = jit.compilerShare();
                System.out.printf("warm-up round %d: %d events, JIT compiler %.0f%% of Liberty's CPU%n",
                        round, warmup, share * 100);
                if (share < 0.2) {
                    break;
                }
            }
            int events = settings.throughputEvents();
            CpuMeter cpu = new CpuMeter(pid);
            startRecording(pid);
            // producers are other systems: their payloads are built before the clock starts
            List<ProducerRecord<String, byte[]>> records = records(users, "tp", events);
            long start = System.nanoTime();
            send(records);
            awaitCount(fleet, events, Duration.ofMinutes(15));
            double seconds = (System.nanoTime() - start) / 1e9;
            stopRecording(pid, "");
            double rate = events / seconds;
            results.add("throughput", "events published->committed->pushed", rate, "events/s");
            double pgLimit = Math.max(
                    results.get("raw", "postgres batched insert, 1 thread"),
                    results.get("raw", "postgres batched insert, 2 threads"));
            results.add("throughput", "ratio to the postgres limit", rate / pgLimit, "x");
            results.add("throughput", "stored rows (counted in postgres)", stored("tp"), "rows");
            exactlyOnce("throughput", events, seen);
            cpu.report(results, "throughput");
            // what Herald's own parts cost, without the load generator, its socket clients and the broker that share
            // the two cores here: comparable to the raw insert's rows per machine cpu-second
            double heraldCpu = results.get("throughput", "cpu: liberty")
                    + results.get("throughput", "cpu: rest of machine (postgres, os)");
            results.add("throughput", "events per cpu-s of liberty + postgres/os", events / heraldCpu, "ev/cpu-s");
            results.add("throughput", "same, ratio to raw postgres rows per cpu-s",
                    events / heraldCpu / results.get("raw", "postgres insert rows per machine cpu-s"), "x");
        }
    }

    // --- aggregation ---

    /**
     * The same volume as the throughput phase, half of it likes of 1,000 posts (owned round robin by the users, from
     * 200 actors, all within the five-minute window) that gather into one notification per post, half plain events.
     * Measured until PostgreSQL holds every event, stored or absorbed; the users' sockets are open, so every
     * aggregate's update is pushed too.
     */
    private void aggregation() throws Exception {
        List<String> users = users("tp", settings.throughputUsers());
        try (SocketFleet fleet = new SocketFleet(liberty.baseUri(), signer, (user, frame) -> {})) {
            fleet.open(users, 100);
            int events = settings.throughputEvents();
            int posts = Math.min(1_000, Math.max(1, events / 20));
            List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events);
            Map<String, String> lastOfUser = new HashMap<>();
            for (int i = 0; i < events; i++) {
                String id = run + "-agg-" + i;
                String payload;
                String user;
                if (i % 2 == 0) {
                    int post = (i / 2) % posts;
                    user = users.get(post % users.size());
                    payload = like(id, user, "post-" + run + "-" + post, "actor-" + ThreadLocalRandom.current().nextInt(200));
                } else {
                    user = users.get(i % users.size());
                    payload = event(id, user, 0);
                }
                records.add(new ProducerRecord<>(Stack.EVENTS_TOPIC, user, payload.getBytes(StandardCharsets.UTF_8)));
                lastOfUser.put(user, id);
            }
            CpuMeter cpu = new CpuMeter(libertyPid());
            long start = System.nanoTime();
            send(records);
            long deadline = start + TimeUnit.MINUTES.toNanos(15);
            // each user's events arrive in order (keyed by user): all are handled once every user's last one is.
            // Looked up by id (an index probe each), so waiting costs PostgreSQL nearly nothing; counting everything
            // with LIKE, as before, read every one of the phase's rows in both tables twice a second, in the very
            // phase that measures PostgreSQL's work, and the longer the phase the more reads
            String[] lastIds = lastOfUser.values().toArray(String[]::new);
            while (handledOf(lastIds) < lastIds.length && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long handled = handled("agg");
            results.add("aggregation", "events published->committed (half gathered)", events / seconds, "events/s");
            results.add("aggregation", "events stored or absorbed (counted in postgres)", handled, "events");
            results.add("aggregation", "aggregates holding the likes", aggregates("agg"), "rows");
            cpu.report(results, "aggregation");
        }
    }

    // --- channels ---

    /**
     * A fifth of the throughput phase's volume (at least 100), job status updates for up to 1,000 users who each have an email address,
     * with one application webhook endpoint: every event is stored and gets an email and a webhook delivery (its push
     * and SMS are skipped: no subscription, no number), sent through the outbox, the relay and the channel workers to
     * an SMTP server and a webhook receiver in this JVM. Measured: intake until every notification is stored, and
     * until every delivery is confirmed by its provider.
     */
    private void channels() throws Exception {
        int events = Math.max(100, settings.throughputEvents() / 5);
        List<String> users = users("ch", Math.min(1_000, events));
        String admin = signer.sign("bench-admin", List.of("admin"), Instant.now(), Instant.now().plusSeconds(3600));
        HttpClient http = HttpClient.newHttpClient();
        for (String user : users) {
            call(http, "PUT", "/api/admin/users/" + user + "/contacts", admin, "{\"email\":\"" + user + "@bench.test\"}");
        }
        ChannelPeers peers = ChannelPeers.shared();
        String hook = "/hooks/bench-" + run;
        String endpoint = Json.createReader(new StringReader(call(
                                http, "POST", "/api/admin/webhooks", admin, "{\"url\":\"" + peers.base() + hook + "\"}")))
                .readObject()
                .getString("id");
        try {
            measureChannels(users, events, peers, hook);
        } finally {
            call(http, "DELETE", "/api/admin/webhooks/" + endpoint, admin, null);
        }
    }

    private void measureChannels(List<String> users, int events, ChannelPeers peers, String hook) throws Exception {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events);
        Map<String, String> lastOfUser = new HashMap<>();
        for (int i = 0; i < events; i++) {
            String id = run + "-ch-" + i;
            String user = users.get(i % users.size());
            String payload = JSON.createObjectBuilder()
                    .add("specversion", "1.0")
                    .add("id", id)
                    .add("source", "/bench")
                    .add("type", "job.status.updated")
                    .add("subject", user)
                    .add("data", JSON.createObjectBuilder()
                            .add("job", JSON.createObjectBuilder().add("id", "job-" + i).add("title", "Engineer " + i))
                            .add("application", JSON.createObjectBuilder().add("id", "app-" + i).add("status", "offer")))
                    .build()
                    .toString();
            records.add(new ProducerRecord<>(Stack.EVENTS_TOPIC, user, payload.getBytes(StandardCharsets.UTF_8)));
            lastOfUser.put(user, id);
        }
        int emailsBefore = peers.smtp().getReceivedMessages().length;
        CpuMeter cpu = new CpuMeter(libertyPid());
        long start = System.nanoTime();
        send(records);
        long deadline = start + TimeUnit.MINUTES.toNanos(15);
        String[] lastIds = lastOfUser.values().toArray(String[]::new);
        while (handledOf(lastIds) < lastIds.length && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        double stored = (System.nanoTime() - start) / 1e9;
        long expected = 2L * events;
        while (deliveries("'delivered', 'sent'") < expected
                && deliveries("'dead'") == 0
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        double delivered = (System.nanoTime() - start) / 1e9;
        List<ChannelPeers.Received> hooks = peers.received(hook);
        results.add("channels", "events published->committed (2 deliveries planned each)", events / stored, "events/s");
        results.add("channels", "deliveries published->confirmed (email + webhook)", expected / delivered, "deliveries/s");
        results.add("channels", "deliveries confirmed (counted in postgres)", deliveries("'delivered', 'sent'"), "deliveries");
        results.add("channels", "dead letters", deliveries("'dead'"), "deliveries");
        results.add("channels", "emails received by the SMTP server", peers.smtp().getReceivedMessages().length - emailsBefore, "emails");
        results.add("channels", "webhooks received", hooks.size(), "requests");
        results.add("channels", "webhooks received twice (same webhook-id)",
                hooks.size() - hooks.stream().map(r -> r.header("webhook-id")).distinct().count(), "requests");
        cpu.report(results, "channels");
    }

    // --- workflow ---

    /**
     * Workflow steps: a fifth of the throughput phase's volume (at least 100) for up to 1,000 users with an email
     * address, half replies (comment.replied: the email waits 15 minutes unless read, at most 3 an hour per user, the
     * rest folded into the user's digest), half likes of one comment per user (comment.liked: its email waits for the
     * 5-minute batch window and then carries the aggregate's final text). Measured: intake until every event is stored
     * or absorbed (each notification's email planned as a delayed row); then, Herald's clock moved 16 minutes ahead,
     * until every delayed row is released; then until every released email is confirmed by the SMTP server; and
     * emails received twice for one delivery (the same Message-ID), which must be 0.
     */
    private void workflow() throws Exception {
        int events = Math.max(100, settings.throughputEvents() / 5);
        List<String> users = users("wf", Math.min(1_000, Math.max(1, events / 10)));
        String admin = signer.sign("bench-admin", List.of("admin"), Instant.now(), Instant.now().plusSeconds(3600));
        HttpClient http = HttpClient.newHttpClient();
        for (String user : users) {
            call(http, "PUT", "/api/admin/users/" + user + "/contacts", admin, "{\"email\":\"" + user + "@bench.test\"}");
        }
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(events);
        Map<String, String> lastOfUser = new HashMap<>();
        for (int i = 0; i < events; i++) {
            String id = run + "-wf-" + i;
            String user = users.get(i % users.size());
            String payload = i % 2 == 0
                    ? reply(id, user, "actor-" + ThreadLocalRandom.current().nextInt(200))
                    : commentLiked(id, user, "comment-" + user, "actor-" + ThreadLocalRandom.current().nextInt(200));
            records.add(new ProducerRecord<>(Stack.EVENTS_TOPIC, user, payload.getBytes(StandardCharsets.UTF_8)));
            lastOfUser.put(user, id);
        }
        ChannelPeers peers = ChannelPeers.shared();
        Set<String> addresses = new HashSet<>();
        users.forEach(user -> addresses.add(user + "@bench.test"));
        CpuMeter cpu = new CpuMeter(libertyPid());
        long start = System.nanoTime();
        send(records);
        long deadline = start + TimeUnit.MINUTES.toNanos(15);
        String[] lastIds = lastOfUser.values().toArray(String[]::new);
        while (handledOf(lastIds) < lastIds.length && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        double stored = (System.nanoTime() - start) / 1e9;
        long delayed = workflowEmails("'delayed'");
        results.add("workflow", "events published->committed (half delayed, half batched)", events / stored, "events/s");
        results.add("workflow", "emails a step holds (delayed rows)", delayed, "deliveries");

        long released = System.nanoTime();
        call(http, "POST", "/api/dev/clock", admin, "{\"advanceSeconds\":960}");
        while (workflowEmails("'delayed'") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        double releasing = (System.nanoTime() - released) / 1e9;
        while (workflowEmails("'queued', 'sending', 'failed'") > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        double settling = (System.nanoTime() - released) / 1e9;
        List<String> ids = new ArrayList<>();
        for (var message : peers.smtp().getReceivedMessages()) {
            if (addresses.contains(message.getAllRecipients()[0].toString())) {
                ids.add(message.getMessageID());
            }
        }
        results.add("workflow", "delayed deliveries released (clock moved -> none delayed)", delayed / releasing, "deliveries/s");
        results.add("workflow", "clock moved -> every released email confirmed", settling, "s");
        results.add("workflow", "emails sent (counted in postgres)", workflowEmails("'delivered', 'sent'"), "deliveries");
        results.add("workflow", "emails folded into digests by the throttle", workflowEmails("'digest'"), "deliveries");
        results.add("workflow", "emails still delayed or queued", workflowEmails("'delayed', 'queued', 'sending', 'failed'"), "deliveries");
        results.add("workflow", "emails received twice (same Message-ID)", ids.size() - ids.stream().distinct().count(), "emails");
        cpu.report(results, "workflow");
    }

    /** Email deliveries of this run's workflow events in one of {@code statuses} (SQL literals). */
    private long workflowEmails(String statuses) throws Exception {
        try (Connection db = stack.database().connect();
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT count(*) FROM delivery d JOIN notification n ON n.id ="
                        + " d.notification_id WHERE n.event_id LIKE '" + run + "-wf-%' AND d.channel = 'email'"
                        + " AND (d.target IS NULL OR d.target <> 'digest') AND d.status IN (" + statuses + ")")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String reply(String id, String user, String actor) {
        return JSON.createObjectBuilder()
                .add("specversion", "1.0")
                .add("id", id)
                .add("source", "/bench")
                .add("type", "comment.replied")
                .add("subject", user)
                .add("data", JSON.createObjectBuilder()
                        .add("actor", JSON.createObjectBuilder().add("id", actor).add("name", actor))
                        .add("reply", JSON.createObjectBuilder().add("id", "r-" + id).add("text", "Agreed")))
                .build()
                .toString();
    }

    private static String commentLiked(String id, String user, String comment, String actor) {
        return JSON.createObjectBuilder()
                .add("specversion", "1.0")
                .add("id", id)
                .add("source", "/bench")
                .add("type", "comment.liked")
                .add("subject", user)
                .add("data", JSON.createObjectBuilder()
                        .add("actor", JSON.createObjectBuilder().add("id", actor).add("name", actor))
                        .add("comment", JSON.createObjectBuilder().add("id", comment).add("excerpt", "Tabs")))
                .build()
                .toString();
    }

    /** Deliveries of this run's channel events in one of {@code statuses} (SQL literals). */
    private long deliveries(String statuses) throws Exception {
        try (Connection db = stack.database().connect();
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT count(*) FROM delivery d JOIN notification n ON n.id ="
                        + " d.notification_id WHERE n.event_id LIKE '" + run + "-ch-%' AND d.status IN (" + statuses
                        + ")")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private String call(HttpClient http, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(liberty.baseUri().resolve(path))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30));
        request = body == null
                ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** Events of one kind that PostgreSQL holds: as their own notification, or absorbed into an aggregate. */
    private long handled(String kind) throws Exception {
        try (Connection db = stack.database().connect();
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT (SELECT count(*) FROM notification WHERE event_id LIKE '"
                        + run + "-" + kind + "-%') + (SELECT count(*) FROM absorbed_event WHERE event_id LIKE '"
                        + run + "-" + kind + "-%')")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** How many of these event ids are stored as a notification or absorbed into one. */
    private long handledOf(String[] eventIds) throws Exception {
        try (Connection db = stack.database().connect();
                PreparedStatement query = db.prepareStatement(
                        "SELECT (SELECT count(*) FROM notification WHERE event_id = ANY(?))"
                                + " + (SELECT count(*) FROM absorbed_event WHERE event_id = ANY(?))")) {
            query.setArray(1, db.createArrayOf("varchar", eventIds));
            query.setArray(2, db.createArrayOf("varchar", eventIds));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private long aggregates(String kind) throws Exception {
        try (Connection db = stack.database().connect();
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT count(*) FROM notification WHERE event_id LIKE '"
                        + run + "-" + kind + "-%' AND group_key IS NOT NULL")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String like(String id, String user, String post, String actor) {
        return JSON.createObjectBuilder()
                .add("specversion", "1.0")
                .add("id", id)
                .add("source", "/bench")
                .add("type", "post.liked")
                .add("subject", user)
                .add("data", JSON.createObjectBuilder()
                        .add("actor", JSON.createObjectBuilder().add("id", actor).add("name", actor))
                        .add("post", JSON.createObjectBuilder().add("id", post).add("title", "Benchmark")))
                .build()
                .toString();
    }

    /** {@code count} events with ids {@code <run>-<kind>-<n>}, round robin over {@code users}. */
    private List<ProducerRecord<String, byte[]>> records(List<String> users, String kind, int count) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String user = users.get(i % users.size());
            byte[] payload = event(run + "-" + kind + "-" + i, user, 0).getBytes(StandardCharsets.UTF_8);
            records.add(new ProducerRecord<>(Stack.EVENTS_TOPIC, user, payload));
        }
        return records;
    }

    /** Publishes the records and waits until the broker has them all. */
    private void send(List<ProducerRecord<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", stack.bootstrapServers(), "acks", "all", "linger.ms", "1"),
                new StringSerializer(),
                new ByteArraySerializer())) {
            records.forEach(producer::send);
        }
    }

    // --- latency ---

    private void latency() throws Exception {
        List<String> users = users("lat", settings.latencySockets());
        ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>(); // {sent at, latency} in µs
        Map<String, long[]> frames = new ConcurrentHashMap<>(); // bench id -> {sent at, frame at} in µs
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        try (SocketFleet fleet = new SocketFleet(liberty.baseUri(), signer, (user, frame) -> {
                    long now = nowMicros();
                    String id = SocketFleet.stringField(frame, "bench");
                    if (id.contains("-latw-")) {
                        return; // the warm-up's
                    }
                    long sentAt = SocketFleet.numberField(frame, "sentAt");
                    latencies.add(new long[] {sentAt, now - sentAt});
                    frames.putIfAbsent(id, new long[] {sentAt, now});
                    seen.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                });
                HopWatch hops = new HopWatch(stack.bootstrapServers())) {
            fleet.open(users, 200);
            // unmeasured, at the same rate: the server compiles its one-event-at-a-time path (the throughput phase
            // warmed the batched one), so what follows is the steady state a running server is in
            int warm = settings.latencyRate() * settings.latencyWarmupSeconds();
            // JFR's first recording in a JVM loads and compiles its machinery: seconds of a core on this machine,
            // which showed as 1-2 s stalls in the first seconds measured. That happens now, in the warm-up
            long warmingPid = libertyPid();
            run("jcmd", String.valueOf(warmingPid), "JFR.start", "name=warm-up", "settings="
                    + Path.of(System.getProperty("herald.bench.pauses.jfc", "bench/pauses.jfc")).toAbsolutePath());
            publishAtRate(users, "latw", warm);
            run("jcmd", String.valueOf(warmingPid), "JFR.stop", "name=warm-up");
            awaitCount(fleet, warm, Duration.ofMinutes(5));
            long pid = libertyPid();
            startRecording(pid);
            Path pauses = startPauseRecording(pid);
            int total = settings.latencyRate() * settings.latencySeconds();
            publishAtRate(users, "lat", total);
            awaitCount(fleet, warm + (long) total, Duration.ofMinutes(5));
            stopRecording(pid, "-latency");
            String stopped = run("jcmd", String.valueOf(pid), "JFR.stop", "name=pauses", "filename=" + pauses);
            if (!Files.isRegularFile(pauses)) {
                throw new IllegalStateException("no pause recording at " + pauses + ": " + stopped);
            }
            long[] sorted = latencies.stream().mapToLong(l -> l[1]).sorted().toArray();
            printTimeline(latencies);
            results.add("latency", "offered rate", settings.latencyRate(), "events/s");
            results.add("latency", "sockets connected", fleet.size(), "sockets");
            results.add("latency", "p50 publish->frame", percentile(sorted, 50) / 1000.0, "ms");
            results.add("latency", "p99 publish->frame", percentile(sorted, 99) / 1000.0, "ms");
            results.add("latency", "p99.9 publish->frame", percentile(sorted, 99.9) / 1000.0, "ms");
            results.add("latency", "max publish->frame", sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1000.0, "ms");
            exactlyOnce("latency", total, seen);
            reportHops(frames, hops);
            reportPauses(Pauses.read(pauses));
        }
    }

    /** {@code count} events at the latency phase's rate, each to a random one of {@code users}, stamped when sent. */
    private void publishAtRate(List<String> users, String kind, int count) {
        long interval = TimeUnit.SECONDS.toNanos(1) / settings.latencyRate();
        try (KafkaProducer<String, String> producer = producer()) {
            long next = System.nanoTime();
            for (int i = 0; i < count; i++) {
                LockSupport.parkNanos(next - System.nanoTime());
                next += interval;
                String user = users.get(ThreadLocalRandom.current().nextInt(users.size()));
                producer.send(new ProducerRecord<>(
                        Stack.EVENTS_TOPIC, user, event(run + "-" + kind + "-" + i, user, nowMicros())));
            }
        }
    }

    /**
     * publish->frame in two hops: to the frame's record on herald.deliveries (Herald's intake: fetch, batch, transaction,
     * commit, produce; Kafka's create time has millisecond resolution) and from there to the socket.
     */
    private void reportHops(Map<String, long[]> frames, HopWatch hops) {
        List<Long> intake = new ArrayList<>();
        List<Long> live = new ArrayList<>();
        frames.forEach((id, times) -> {
            Long produced = hops.producedAt(id);
            if (produced != null) {
                intake.add(produced * 1000 - times[0]);
                live.add(times[1] - produced * 1000);
            }
        });
        long[] in = intake.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] out = live.stream().mapToLong(Long::longValue).sorted().toArray();
        results.add("latency", "hops seen on herald.deliveries", in.length, "events");
        results.add("latency", "p50 publish->deliveries record", percentile(in, 50) / 1000.0, "ms");
        results.add("latency", "p99 publish->deliveries record", percentile(in, 99) / 1000.0, "ms");
        results.add("latency", "max publish->deliveries record", in.length == 0 ? Double.NaN : in[in.length - 1] / 1000.0, "ms");
        results.add("latency", "p50 deliveries record->frame", percentile(out, 50) / 1000.0, "ms");
        results.add("latency", "p99 deliveries record->frame", percentile(out, 99) / 1000.0, "ms");
        results.add("latency", "max deliveries record->frame", out.length == 0 ? Double.NaN : out[out.length - 1] / 1000.0, "ms");
    }

    private void reportPauses(Pauses pauses) {
        results.add("latency", "server GC pauses, total", pauses.gcTotal().toNanos() / 1e6, "ms");
        results.add("latency", "server longest GC pause", pauses.longestGc().toNanos() / 1e6, "ms");
        results.add("latency", "server longest safepoint", pauses.longestSafepoint().toNanos() / 1e6, "ms");
        System.out.println("longest server pauses in the latency phase:");
        pauses.longest(8).forEach(p -> System.out.printf(
                "  %8.2f ms at %6.1f s  %s%n", p.took().toNanos() / 1e6, p.at().toMillis() / 1000.0, p.what()));
    }

    /** Always in the latency phase: the server's pauses (bench/pauses.jfc), into target/bench. */
    private Path startPauseRecording(long pid) throws Exception {
        Path file = Path.of(System.getProperty("herald.bench.dir", "target/bench"))
                .resolve("latency-pauses.jfr")
                .toAbsolutePath();
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Path settings = Path.of(System.getProperty("herald.bench.pauses.jfc", "bench/pauses.jfc")).toAbsolutePath();
        run("jcmd", String.valueOf(pid), "JFR.start", "name=pauses", "settings=" + settings);
        return file;
    }

    /** With {@code -Dherald.bench.jfr=FILE}: a flight recording of Liberty during a phase. */
    private static void startRecording(long pid) throws Exception {
        if (System.getProperty("herald.bench.jfr") != null) {
            run("jcmd", String.valueOf(pid), "JFR.start", "name=bench",
                    "settings=" + System.getProperty("herald.bench.jfc", "profile"));
        }
    }

    /** Ends the recording into FILE, with {@code suffix} before its extension. */
    private static void stopRecording(long pid, String suffix) throws Exception {
        String jfr = System.getProperty("herald.bench.jfr");
        if (jfr != null) {
            String file = jfr.endsWith(".jfr") ? jfr.substring(0, jfr.length() - 4) + suffix + ".jfr" : jfr + suffix;
            run("jcmd", String.valueOf(pid), "JFR.stop", "name=bench", "filename=" + Path.of(file).toAbsolutePath());
        }
    }

    /** Per second of the run: events and the slowest, to tell a steady tail from stalls. */
    private static void printTimeline(Collection<long[]> latencies) {
        long first = latencies.stream().mapToLong(l -> l[0]).min().orElse(0);
        Map<Long, long[]> bySecond = new TreeMap<>(); // second -> {count, max µs}
        for (long[] l : latencies) {
            long[] second = bySecond.computeIfAbsent((l[0] - first) / 1_000_000, k -> new long[2]);
            second[0]++;
            second[1] = Math.max(second[1], l[1]);
        }
        StringBuilder line = new StringBuilder("latency by second (events/max ms):");
        bySecond.forEach((second, v) -> line.append(' ').append(v[0]).append('/').append(v[1] / 1000));
        System.out.println(line);
    }

    // --- connections ---

    private void connections() throws Exception {
        HeapHistogram histogramBefore = histogram();
        long before = histogramBefore.totalBytes();
        List<String> users = users("idle", settings.idleSockets());
        try (SocketFleet fleet = new SocketFleet(liberty.baseUri(), signer, (user, frame) -> {})) {
            startRecording(libertyPid());
            long start = System.nanoTime();
            fleet.open(users, 200);
            stopRecording(libertyPid(), "-connections");
            results.add("connections", "idle authenticated sockets held", fleet.size(), "sockets");
            double opened = (System.nanoTime() - start) / 1e9;
            results.add("connections", "time to open and resume all", opened, "s");
            results.add("connections", "connect rate (ticket, handshake, resume)", fleet.size() / opened, "sockets/s");
            HeapHistogram histogramAfter = histogram();
            long after = histogramAfter.totalBytes();
            results.add("connections", "server heap used after GC", after / 1048576.0, "MiB");
            results.add("connections", "heap per socket", (after - before) / (double) fleet.size() / 1024.0, "KiB");
            printPerSocket(histogramBefore, histogramAfter, fleet.size());

            int resumedBefore = fleet.resumed.get();
            // as a deployer's pre-stop hook does: each socket is told when to come back, spread over a window
            String admin = signer.sign("bench-operator", List.of("admin"), Instant.now(), Instant.now().plusSeconds(600));
            System.out.println("connections: drained " + call(HttpClient.newHttpClient(), "POST", "/api/admin/live/drain", admin, null));
            liberty.stop();
            long restart = System.nanoTime();
            liberty.start(Duration.ofMinutes(3));
            double startSeconds = (System.nanoTime() - restart) / 1e9;
            fleet.awaitResumed(resumedBefore + fleet.size(), Duration.ofMinutes(10));
            results.add("connections", "server restart (stop->ready)", startSeconds, "s");
            results.add("connections", "all sockets back and resumed after restart",
                    (System.nanoTime() - restart) / 1e9, "s");
        }
    }

    // --- instances ---

    /**
     * {@code --instances} Herald instances on the one broker and PostgreSQL (this run's server and more started for the
     * phase), {@code --instance-sockets} sockets spread evenly over them, events at {@code --rate} for
     * {@code --seconds} to random users of those sockets. Reports each instance's CPU per event: an instance stores a
     * share of the events (the consumer group splits herald.events), pushes to its own sockets, and reads every
     * record of herald.deliveries for the sockets it holds; what grows with the number of instances is that last part.
     */
    private void instances() throws Exception {
        List<HeraldServer> servers = new ArrayList<>(List.of(liberty));
        for (int i = 1; i < settings.instances(); i++) {
            servers.add(HeraldServer.create("herald-" + (i + 1), Ports.free(), environment));
        }
        List<SocketFleet> fleets = new ArrayList<>();
        try {
            for (HeraldServer server : servers.subList(1, servers.size())) {
                server.launch();
            }
            for (HeraldServer server : servers.subList(1, servers.size())) {
                server.awaitReady(Duration.ofMinutes(5));
            }
            List<String> users = users("inst", settings.instanceSockets());
            Map<String, long[]> frames = new ConcurrentHashMap<>(); // bench id -> {sent at, frame at} in µs
            Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
            long opening = System.nanoTime();
            for (int i = 0; i < servers.size(); i++) {
                int instance = i;
                List<String> mine = IntStream.range(0, users.size())
                        .filter(u -> u % servers.size() == instance)
                        .mapToObj(users::get)
                        .toList();
                SocketFleet fleet = new SocketFleet(servers.get(i).baseUri(), signer, (user, frame) -> {
                    long now = nowMicros();
                    String id = SocketFleet.stringField(frame, "bench");
                    if (id.contains("-instw-")) {
                        return; // the warm-up's
                    }
                    frames.putIfAbsent(id, new long[] {SocketFleet.numberField(frame, "sentAt"), now});
                    seen.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                });
                fleets.add(fleet);
                fleet.open(mine, 200);
            }
            System.out.printf("instances: %d sockets on %d instances opened in %.1f s%n", users.size(), servers.size(),
                    (System.nanoTime() - opening) / 1e9);
            // the extra instances are cold: the same rate for a while, unmeasured, so their JIT has compiled the path
            int warm = settings.latencyRate() * settings.latencyWarmupSeconds();
            publishAtRate(users, "instw", warm);
            awaitCreated(fleets, warm, Duration.ofMinutes(5));
            // what an instance spends with no events (pings, deadline sweeps, the relay's polling, probes, metrics),
            // so that the per-event figure below can be told from it
            results.add("instances", "instances", servers.size(), "instances");
            results.add("instances", "sockets, spread evenly", fleets.stream().mapToInt(SocketFleet::size).sum(), "sockets");
            List<CpuMeter> idle = meters(servers);
            int idleSeconds = settings.smoke() ? 2 : 10;
            startRecording(liberty.pid());
            TimeUnit.SECONDS.sleep(idleSeconds);
            stopRecording(liberty.pid(), "-idle");
            double idleSum = 0;
            double idleWithoutJit = 0;
            for (CpuMeter meter : idle) {
                idleSum += meter.libertySeconds() / idleSeconds;
                idleWithoutJit += meter.libertySecondsWithoutCompiler() / idleSeconds;
            }
            results.add("instances", "liberty cpu with no events, all instances", idleSum * 1000, "cpu-ms/s");
            results.add("instances", "same, without the JIT compiler", idleWithoutJit * 1000, "cpu-ms/s");
            List<CpuMeter> meters = meters(servers);
            double machine = CpuMeter.machineSeconds();
            long start = System.nanoTime();
            int total = settings.latencyRate() * settings.latencySeconds();
            publishAtRate(users, "inst", total);
            awaitCreated(fleets, warm + (long) total, Duration.ofMinutes(5));
            double seconds = (System.nanoTime() - start) / 1e9;
            results.add("instances", "offered rate", settings.latencyRate(), "events/s");
            double sum = 0;
            double withoutJit = 0;
            for (int i = 0; i < meters.size(); i++) {
                double cpu = meters.get(i).libertySeconds();
                sum += cpu;
                withoutJit += meters.get(i).libertySecondsWithoutCompiler();
                results.add("instances", "liberty cpu per event, instance " + (i + 1), cpu * 1e6 / total, "cpu-µs");
            }
            results.add("instances", "liberty cpu per event, all instances", sum * 1e6 / total, "cpu-µs");
            results.add("instances", "same, without JIT, less what they spend with no events",
                    (withoutJit - idleWithoutJit * seconds) * 1e6 / total, "cpu-µs");
            results.add("instances", "machine cpu per event", (CpuMeter.machineSeconds() - machine) * 1e6 / total,
                    "cpu-µs");
            long[] sorted = frames.values().stream().mapToLong(f -> f[1] - f[0]).sorted().toArray();
            results.add("instances", "p50 publish->frame", percentile(sorted, 50) / 1000.0, "ms");
            results.add("instances", "p99 publish->frame", percentile(sorted, 99) / 1000.0, "ms");
            exactlyOnce("instances", total, seen);
        } finally {
            fleets.forEach(SocketFleet::close);
            for (HeraldServer server : servers.subList(1, servers.size())) {
                server.stop();
            }
        }
    }

    private static List<CpuMeter> meters(List<HeraldServer> servers) throws IOException {
        List<CpuMeter> meters = new ArrayList<>();
        for (HeraldServer server : servers) {
            meters.add(new CpuMeter(server.pid()));
        }
        return meters;
    }

    private static void awaitCreated(List<SocketFleet> fleets, long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (fleets.stream().mapToLong(f -> f.created.get()).sum() < count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    // --- retention ---

    /**
     * The inbox purge under load: {@code purge-rows} notifications read 100 days ago, spread over 100 users, are
     * purged (default retention: read ones after 90 days) while events for the same users arrive at 500/s and are
     * pushed to their sockets. Reports how long the purge took and the publish-to-frame latency while it ran.
     */
    private void retention() throws Exception {
        List<String> users = users("ret", 100);
        int perUser = Math.max(1, settings.purgeRows() / users.size());
        long seeded = System.nanoTime();
        try (Connection db = stack.database().connect();
                PreparedStatement sequences = db.prepareStatement(
                        "INSERT INTO user_sequence (recipient, last_seq) SELECT u, ? FROM unnest(?::varchar[]) u");
                PreparedStatement rows = db.prepareStatement("INSERT INTO notification (id, recipient, seq, source,"
                        + " event_id, type, category, title, body, data, actors, created_at, updated_at, seen_at,"
                        + " read_at) SELECT gen_random_uuid()::text, u, g, '/bench-old', gen_random_uuid()::text,"
                        + " 'notification.created', 'general', 'old', '', '{}'::jsonb, '[]'::jsonb,"
                        + " now() - interval '120 days', now() - interval '120 days', now() - interval '100 days',"
                        + " now() - interval '100 days' FROM unnest(?::varchar[]) u, generate_series(1, ?) g")) {
            sequences.setInt(1, perUser);
            sequences.setArray(2, db.createArrayOf("varchar", users.toArray()));
            sequences.executeUpdate();
            rows.setArray(1, db.createArrayOf("varchar", users.toArray()));
            rows.setInt(2, perUser);
            rows.executeUpdate();
            try (Statement analyze = db.createStatement()) {
                analyze.execute("ANALYZE notification");
            }
        }
        System.out.printf("retention: seeded %,d old read notifications in %.1f s%n",
                (long) perUser * users.size(), (System.nanoTime() - seeded) / 1e9);
        ConcurrentLinkedQueue<long[]> latencies = new ConcurrentLinkedQueue<>();
        Map<String, AtomicInteger> seen = new ConcurrentHashMap<>();
        long[] purgeWindow = new long[2];
        try (SocketFleet fleet = new SocketFleet(liberty.baseUri(), signer, (user, frame) -> {
            if (!frame.contains("\"sentAt\":")) {
                return; // a seeded old notification caught up on resume
            }
            long sentAt = SocketFleet.numberField(frame, "sentAt");
            latencies.add(new long[] {sentAt, nowMicros() - sentAt});
            seen.computeIfAbsent(SocketFleet.stringField(frame, "bench"), k -> new AtomicInteger())
                    .incrementAndGet();
        })) {
            fleet.open(users, 100);
            HttpClient http = HttpClient.newHttpClient();
            String admin = signer.sign("bench-operator", List.of("admin"), Instant.now(), Instant.now().plusSeconds(3600));
            Thread purge = new Thread(() -> {
                try {
                    TimeUnit.SECONDS.sleep(2);
                    purgeWindow[0] = nowMicros();
                    HttpResponse<String> answer = http.send(
                            HttpRequest.newBuilder(liberty.baseUri().resolve("/api/admin/retention/run"))
                                    .header("Authorization", "Bearer " + admin)
                                    .timeout(Duration.ofMinutes(30))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    purgeWindow[1] = nowMicros();
                    System.out.println("retention: purge answered " + answer.statusCode() + " " + answer.body());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            purge.start();
            int rate = 500;
            int sent = 0;
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            try (KafkaProducer<String, String> producer = producer()) {
                long next = System.nanoTime();
                // load until the purge has answered, and at least 10 s
                while (purge.isAlive() || sent < rate * 10) {
                    LockSupport.parkNanos(next - System.nanoTime());
                    next += interval;
                    String user = users.get(sent % users.size());
                    producer.send(new ProducerRecord<>(
                            Stack.EVENTS_TOPIC, user, event(run + "-ret-" + sent, user, nowMicros())));
                    sent++;
                }
            }
            purge.join();
            // counted by event, not by frame: the sockets' resume also brought the seeded notifications
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (seen.size() < sent && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
            long[] during = latencies.stream()
                    .filter(l -> l[0] >= purgeWindow[0] && l[0] <= purgeWindow[1])
                    .mapToLong(l -> l[1])
                    .sorted()
                    .toArray();
            double seconds = (purgeWindow[1] - purgeWindow[0]) / 1e6;
            results.add("retention", "old read notifications purged", (long) perUser * users.size(), "rows");
            results.add("retention", "purge duration", seconds, "s");
            results.add("retention", "purge rate", perUser * users.size() / seconds, "rows/s");
            results.add("retention", "events during the purge (500/s offered)", during.length, "events");
            results.add("retention", "p50 publish->frame during the purge", percentile(during, 50) / 1000.0, "ms");
            results.add("retention", "p99 publish->frame during the purge", percentile(during, 99) / 1000.0, "ms");
            results.add("retention", "max publish->frame during the purge",
                    during.length == 0 ? Double.NaN : during[during.length - 1] / 1000.0, "ms");
            exactlyOnce("retention", sent, seen);
        }
        try (Connection db = stack.database().connect();
                PreparedStatement left = db.prepareStatement(
                        "SELECT count(*) FROM notification WHERE recipient = ANY(?) AND source = '/bench-old'")) {
            left.setArray(1, db.createArrayOf("varchar", users.toArray()));
            try (ResultSet rows = left.executeQuery()) {
                rows.next();
                results.add("retention", "old rows left after the purge", rows.getLong(1), "rows");
            }
        }
    }

    // --- helpers ---

    private void exactlyOnce(String section, int published, Map<String, AtomicInteger> seen) {
        long once = seen.values().stream().filter(c -> c.get() == 1).count();
        long twice = seen.values().stream().filter(c -> c.get() > 1).count();
        results.add(section, "delivered exactly once", once, "of " + published);
        results.add(section, "delivered more than once", twice, "events");
        results.add(section, "never delivered", published - seen.size(), "events");
    }

    private void awaitCount(SocketFleet fleet, long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (fleet.created.get() < count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    /** Notifications stored for events of one kind, counted in PostgreSQL. */
    private long stored(String kind) throws Exception {
        try (Connection db = stack.database().connect();
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery(
                        "SELECT count(*) FROM notification WHERE event_id LIKE '" + run + "-" + kind + "-%'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private List<String> users(String kind, int count) {
        return IntStream.range(0, count).mapToObj(i -> "bench-" + run + "-" + kind + "-" + i).toList();
    }

    private static String event(String id, String user, long sentAtMicros) {
        return JSON.createObjectBuilder()
                .add("specversion", "1.0")
                .add("id", id)
                .add("source", "/bench")
                // a plain notification (never gathered), about the size of a like
                .add("type", "notification.created")
                .add("subject", user)
                .add("data", JSON.createObjectBuilder()
                        .add("title", "Ana liked your post")
                        .add("body", "Benchmark")
                        .add("bench", id)
                        .add("sentAt", sentAtMicros))
                .build()
                .toString();
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(
                Map.of("bootstrap.servers", stack.bootstrapServers(), "acks", "all", "linger.ms", "1"),
                new StringSerializer(),
                new StringSerializer());
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private long libertyPid() throws IOException {
        return liberty.pid();
    }

    /** Live objects on the server, after a full collection (whatever its GC: the histogram collects first). */
    private HeapHistogram histogram() throws Exception {
        return HeapHistogram.parse(run("jcmd", String.valueOf(libertyPid()), "GC.class_histogram"));
    }

    /** What one idle socket holds on the server: the classes that grew most, per socket. */
    private static void printPerSocket(HeapHistogram before, HeapHistogram after, int sockets) {
        System.out.println("server heap per idle socket, by class (largest growth):");
        after.grownSince(before, 20).forEach(g -> System.out.printf(
                "  %8.0f B  %6.2f objects  %s%n", g.bytes() / (double) sockets, g.instances() / (double) sockets,
                g.className()));
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        process.waitFor(1, TimeUnit.MINUTES);
        return out;
    }

    private static Map<String, String> machine() {
        Map<String, String> machine = new HashMap<>();
        machine.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        machine.put("java", System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            machine.put("memory", os.getTotalMemorySize() / (1024 * 1024 * 1024) + " GiB");
        }
        return machine;
    }
}
