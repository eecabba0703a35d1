package dev.herald.testing;

import static org.awaitility.Awaitility.await;

import dev.herald.devmode.control.TokenSigner;
import dev.herald.devstack.HeraldServer;
import dev.herald.devstack.Ports;
import dev.herald.devstack.Stack;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The running system the integration tests talk to: the embedded stack (real Kafka, real PostgreSQL) and a real
 * server with Herald (Open Liberty, or Payara Micro with {@code -Dherald.server=payara}), started once per test JVM
 * and stopped when it exits.
 */
public final class Herald implements AutoCloseable {
    private static Herald shared;

    private final Stack stack;
    private final HeraldServer server;
    private final TokenSigner signer;
    private final KafkaProducer<String, String> producer;
    private final HttpClient http = client();

    private Herald(Stack stack, HeraldServer server) {
        this(stack, server, stack.bootstrapServers());
    }

    private Herald(Stack stack, HeraldServer server, String bootstrapServers) {
        this.stack = stack;
        this.server = server;
        this.signer = stack.keys().signer();
        this.producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", bootstrapServers, "acks", "all", "enable.idempotence", "true"),
                new StringSerializer(),
                new StringSerializer());
    }

    /**
     * The tests' HTTP client: HTTP/1.1, as browsers speak over plain HTTP. Java's default asks plain HTTP connections
     * to upgrade to HTTP/2 (h2c), which Payara grants and on which, after some refused requests, it answered 431 and
     * 404 to valid ones (docs/payara.md).
     */
    public static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public static synchronized Herald shared() throws Exception {
        if (shared == null) {
            Stack stack = TestStack.shared();
            HeraldServer server = HeraldServer.create("herald", Ports.free(), environment(stack));
            startOrStop(server);
            Herald herald = new Herald(stack, server);
            TestStack.stopBeforeStack(herald::close);
            shared = herald;
        }
        return shared;
    }

    /** Starts the server and waits for readiness; a server that does not get ready is stopped, not left running. */
    private static void startOrStop(HeraldServer server) throws Exception {
        try {
            server.start(Duration.ofMinutes(3));
        } catch (Exception | Error e) {
            try {
                server.stop();
            } catch (Exception stopping) {
                e.addSuppressed(stopping);
            }
            throw e;
        }
    }

    /** What every test server runs with: the stack's environment and a resume bound small enough to test. */
    public static Map<String, String> environment(Stack stack) throws IOException {
        Map<String, String> env = new java.util.HashMap<>(stack.heraldEnvironment());
        // every channel has a real peer in this JVM; tries come quickly and no breaker opens between test classes
        env.putAll(ChannelPeers.shared().heraldEnvironment());
        env.put("HERALD_CHANNEL_MAX_ATTEMPTS", "4");
        env.put("HERALD_CHANNEL_RETRY_BASE_SECONDS", "2");
        env.put("HERALD_CHANNEL_RETRY_CAP_SECONDS", "4");
        env.put("HERALD_CHANNEL_LEASE_SECONDS", "10");
        env.put("HERALD_CHANNEL_BREAKER_FAILURES", "1000");
        env.put("HERALD_LIVE_RESUME_LIMIT", "150");
        env.put("HERALD_KAFKA_STALL_SECONDS", "10");
        // snoozes and retention are tested by moving the clock, not by waiting
        env.put("HERALD_DEV_CLOCK_ENABLED", "true");
        // the cross-origin tests' "customer app": its pages may open sockets and, through the default, call the API
        env.put("HERALD_LIVE_ALLOWED_ORIGINS", customerAppOrigin());
        // the customer app is also "the product" the catalog's links lead into; every instance signs links alike
        env.put("HERALD_LINK_BASE_URL", customerAppOrigin());
        env.put("HERALD_LINK_SECRET", "test-link-secret");
        // emails in a brand of their own, so a test can tell the layout filled it in
        env.put("HERALD_BRAND_NAME", "Acme Jobs");
        env.put("HERALD_BRAND_LOGO_URL", "https://cdn.example.com/acme.png");
        env.put("HERALD_BRAND_COLOR", "#0a7d4f");
        // a catalog file the operations test can break and fix (starts as the built-in one)
        env.put("HERALD_CATALOG_LOCATION", catalogFile().toString());
        return env;
    }

    /** The port of the "customer app" the cross-origin tests serve, on another host name than Herald's 127.0.0.1. */
    public static final int CUSTOMER_APP_PORT = Ports.free();

    /** The customer app's origin, which every test server allows (live sockets, and CORS through its default). */
    public static String customerAppOrigin() {
        return "http://localhost:" + CUSTOMER_APP_PORT;
    }

    private static boolean catalogWritten;

    /** The catalog file test servers read; a copy of the built-in catalog, written afresh once per test run. */
    public static synchronized Path catalogFile() throws IOException {
        Path file = Path.of("target/test-catalog.json").toAbsolutePath();
        if (!catalogWritten) {
            Files.copy(BUILT_IN_CATALOG, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            catalogWritten = true;
        }
        return file;
    }

    /** The catalog Herald ships. */
    public static final Path BUILT_IN_CATALOG = Path.of("src/main/resources/herald/catalog.json");

    /** The server behind this instance: Liberty, or Payara Micro with {@code -Dherald.server=payara}. */
    public HeraldServer server() {
        return server;
    }

    // --- tokens ---

    /**
     * A token valid for a week: the shared server's dev clock moves ahead in some suites (workflow steps wait until
     * 09:00 local or an hour's throttle period), and a live socket ends when the server's clock passes its token's
     * expiry.
     */
    public String token(String user, String... groups) {
        Instant now = Instant.now();
        return signer.sign(user, List.of(groups), now, now.plus(TEST_TOKEN_LIFETIME));
    }

    /** How long the tokens of {@link #token} last: longer than all the suites move the shared clock together. */
    public static final Duration TEST_TOKEN_LIFETIME = Duration.ofDays(7);

    /**
     * A user token valid until {@code expires}: for a test that moves the shared server's clock, whose live sessions
     * end when the server's clock passes their token's expiry (mint it from the server's time, not this JVM's).
     */
    public String tokenUntil(String user, Instant expires) {
        Instant now = Instant.now();
        return signer.sign(user, List.of("user"), now, expires.isAfter(now) ? expires : now.plus(TEST_TOKEN_LIFETIME));
    }

    /** A user token that also carries OIDC claims such as {@code email} and {@code phone_number}. */
    public String tokenWithClaims(String user, Map<String, String> claims) {
        Instant now = Instant.now();
        return signer.sign(user, user, List.of("user"), now, now.plus(TEST_TOKEN_LIFETIME), claims);
    }

    /** Any header and claims signed with the key Herald trusts: for tokens shaped as identity providers issue them. */
    public String signed(JsonObject header, JsonObject claims) {
        return signer.sign(header, claims);
    }

    /** A signer with Herald's trusted key but other claims, to prove which claims are checked. */
    public TokenSigner signer(String issuer, String audience) {
        return new TokenSigner(stack.keys().pair().getPrivate(), issuer, audience);
    }

    /** A user token whose {@code exp} lies {@code ago} in the past. */
    public String tokenExpiredAgo(Duration ago, String user) {
        Instant expired = Instant.now().minus(ago);
        return signer.sign(user, List.of("user"), expired.minus(Duration.ofMinutes(10)), expired);
    }

    public String expiredToken(String user, String... groups) {
        Instant issued = Instant.now().minus(Duration.ofHours(2));
        return signer.sign(user, List.of(groups), issued, issued.plus(Duration.ofHours(1)));
    }

    // --- HTTP ---

    public URI uri(String path) {
        return server.baseUri().resolve(path);
    }

    public HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> delete(String path, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String token, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(
                request.POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> put(String path, String token, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(uri(path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Any method with a body, e.g. {@code PATCH}. */
    public HttpResponse<String> send(String method, String path, String token, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(
                request.method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Moves this instance's clock forward (dev mode); answers its time now. */
    public Instant advanceClock(Duration by) throws Exception {
        HttpResponse<String> response = post(
                "/api/dev/clock",
                token("operator", "admin"),
                "application/json",
                "{\"advanceSeconds\":" + by.toSeconds() + "}");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("clock not moved: " + response.statusCode() + " " + response.body());
        }
        return Instant.parse(json(response).getString("now"));
    }

    public static JsonObject json(HttpResponse<String> response) {
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return reader.readObject();
        }
    }

    /** Polls the user's inbox until it holds at least {@code expected} notifications; answers them. */
    public JsonArray awaitInbox(String user, int expected) {
        String token = token(user, "user");
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> json(get("/api/notifications?limit=100", token)).getJsonArray("items"),
                        items -> items.size() >= expected);
    }

    // --- live ---

    /** A one-time ticket for the user's socket, issued for {@code token}. */
    public String ticket(String token) throws Exception {
        HttpResponse<String> response = post("/api/live/tickets", token, null, "");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("ticket refused: " + response.statusCode() + " " + response.body() + " "
                    + response.headers().map());
        }
        return json(response).getString("ticket");
    }

    public URI liveUri(String ticket) {
        return URI.create("ws://127.0.0.1:" + uri("/").getPort() + "/ws/notifications"
                + (ticket == null ? "" : "?ticket=" + ticket));
    }

    /** Opens a socket as the user, from Herald's own origin. */
    public LiveClient connectLive(String user) throws Exception {
        return LiveClient.connect(liveUri(ticket(token(user, "user"))), origin());
    }

    public String origin() {
        return "http://127.0.0.1:" + uri("/").getPort();
    }

    /** Starts another Herald instance on the same Kafka and PostgreSQL; stopped before the stack at exit. */
    public static Herald secondInstance(String name) throws Exception {
        return secondInstance(name, Map.of());
    }

    /** Another Herald instance on the shared stack, its environment changed by {@code overrides}. */
    public static Herald secondInstance(String name, Map<String, String> overrides) throws Exception {
        Stack stack = TestStack.shared();
        Map<String, String> env = environment(stack);
        env.putAll(overrides);
        HeraldServer server = HeraldServer.create(name, Ports.free(), env);
        startOrStop(server);
        Herald herald = new Herald(stack, server);
        TestStack.stopBeforeStack(herald::close);
        return herald;
    }

    /**
     * Another Herald instance on the shared PostgreSQL but its own Kafka ({@code bootstrapServers} for the test's
     * producer; {@code overrides} tell Herald where and how to connect), launched without waiting for readiness.
     */
    public static Herald onOwnBroker(String name, String bootstrapServers, Map<String, String> overrides)
            throws Exception {
        Stack stack = TestStack.shared();
        Map<String, String> env = environment(stack);
        env.putAll(overrides);
        HeraldServer server = HeraldServer.create(name, Ports.free(), env);
        server.launch();
        Herald herald = new Herald(stack, server, bootstrapServers);
        TestStack.stopBeforeStack(herald::close);
        return herald;
    }

    /** {@code /health/ready}: status and body. */
    public HttpResponse<String> readiness() throws Exception {
        return get("/health/ready", null);
    }

    // --- Kafka ---

    /** Produces a record to herald.events and waits for the broker's acknowledgement. */
    public void produce(String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(Stack.EVENTS_TOPIC, key, value)).get(30, TimeUnit.SECONDS);
    }

    /** Produces every (key, value) pair, all sent before waiting for Kafka's acknowledgements. */
    public void produceAll(List<Map.Entry<String, String>> records) throws Exception {
        List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>(records.size());
        for (Map.Entry<String, String> record : records) {
            sent.add(producer.send(new ProducerRecord<>(Stack.EVENTS_TOPIC, record.getKey(), record.getValue())));
        }
        for (java.util.concurrent.Future<?> ack : sent) {
            ack.get(30, TimeUnit.SECONDS);
        }
    }

    public String bootstrapServers() {
        return stack.bootstrapServers();
    }

    /** Produces a CloudEvents binary-mode record: the envelope in {@code ce_*} headers, {@code data} as the value. */
    public void produceBinary(String key, Map<String, String> headers, String data) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(Stack.EVENTS_TOPIC, key, data);
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        producer.send(record).get(30, TimeUnit.SECONDS);
    }

    // --- PostgreSQL, for checks the API does not expose ---

    public Connection database() throws SQLException {
        return stack.database().connect();
    }

    /** Parked records whose payload contains {@code marker}. */
    public int parkedCount(String marker) throws SQLException {
        return count("SELECT count(*) FROM parked_event WHERE payload LIKE ?", "%" + marker + "%");
    }

    /** The reasons of the parked records whose payload contains {@code marker}. */
    public List<String> parkedReasons(String marker) throws SQLException {
        List<String> reasons = new java.util.ArrayList<>();
        try (Connection db = database();
                PreparedStatement query = db.prepareStatement("SELECT reason FROM parked_event WHERE payload LIKE ?")) {
            query.setString(1, "%" + marker + "%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    reasons.add(rows.getString(1));
                }
            }
        }
        return reasons;
    }

    /** Notification rows stored for a user, counted in PostgreSQL rather than through the API. */
    public int storedCount(String user) throws SQLException {
        return count("SELECT count(*) FROM notification WHERE recipient = ?", user);
    }

    /** How many notification rows each event whose id starts with {@code prefix} became. */
    public Map<String, Integer> storedPerEvent(String prefix) throws SQLException {
        Map<String, Integer> counts = new java.util.HashMap<>();
        try (Connection db = database();
                PreparedStatement query = db.prepareStatement(
                        "SELECT event_id, count(*) FROM notification WHERE event_id LIKE ? GROUP BY event_id")) {
            query.setString(1, prefix + "%");
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return counts;
    }

    private int count(String sql, String parameter) throws SQLException {
        try (Connection db = database();
                PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    public String databaseUrl() {
        return stack.database().url();
    }

    // --- server lifecycle ---

    public void stopServer() throws Exception {
        server.stop();
    }

    public void startServer() throws Exception {
        server.start(Duration.ofMinutes(3));
    }

    /**
     * Sets this server's dev clock back to the real time by restarting it (the clock only moves forward while it runs):
     * for a suite that moved the shared server's clock hours ahead, so the suites after it (whose browsers and clients
     * snooze "for an hour" by their own clocks) find Herald's time near theirs.
     */
    public void resetClock() throws Exception {
        if (advanceClock(Duration.ZERO).isAfter(Instant.now().plus(Duration.ofMinutes(5)))) {
            stopServer();
            startServer();
        }
    }

    public void killServer() throws Exception {
        server.kill();
    }

    @Override
    public void close() {
        producer.close();
        try {
            server.stop();
        } catch (Exception e) {
            // the JVM is exiting or the test is done; TestStack stops Kafka and PostgreSQL regardless
        }
    }
}
