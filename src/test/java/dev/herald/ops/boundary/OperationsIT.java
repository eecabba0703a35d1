package dev.herald.ops.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.testing.ChannelPeers;
import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Operations on the real stack: pausing intake holds events (lag as Kafka's admin client reports it, readiness up)
 * and resuming stores each once; a replayed time window re-stores what was deleted from the database and reports the
 * rest as present; a broken catalog file is refused and a fixed one lets parked records be replayed; every admin
 * action is in the audit trail; /metrics is Prometheus text whose counters move with traffic.
 */
class OperationsIT {
    static Herald herald;
    static String admin;
    static Admin kafka;

    @BeforeAll
    static void start() throws Exception {
        herald = Herald.shared();
        admin = herald.token("ops-" + Events.newUser("admin"), "admin");
        Properties properties = new Properties();
        properties.put("bootstrap.servers", herald.bootstrapServers());
        kafka = Admin.create(properties);
    }

    @AfterAll
    static void stop() throws Exception {
        // whatever happened, intake runs and the catalog is the built-in one again for the tests after this one
        herald.post("/api/admin/intake", admin, "application/json", "{\"paused\":false}");
        Files.copy(Herald.BUILT_IN_CATALOG, Herald.catalogFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        herald.post("/api/admin/catalog/reload", admin, "application/json", "");
        kafka.close();
    }

    @Test
    void pausedIntakeHoldsEventsWithLagAsKafkaSaysAndResumeStoresEachOnce() throws Exception {
        String prefix = "pause-" + Events.newId() + "-";
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            users.add(Events.newUser("paused"));
        }
        HttpResponse<String> paused = herald.post("/api/admin/intake", admin, "application/json", "{\"paused\":true}");
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(Herald.json(paused).getBoolean("paused")).isTrue();
        assertThat(Herald.json(paused).getJsonObject("thisInstance").getBoolean("paused"))
                .isTrue();
        long lagBefore = adminClientLag("herald-intake");

        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String user = users.get(i % users.size());
            records.add(Map.entry(user, Events.notice(prefix + i, user, "Held " + i)));
        }
        herald.produceAll(records);

        // nothing is taken while paused, past the stall limit (10 s here), and readiness stays up
        await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(20)).until(() -> {
            HttpResponse<String> ready = herald.readiness();
            return herald.storedPerEvent(prefix).isEmpty() && ready.statusCode() == 200;
        });
        // Liberty writes the check's data as JSON booleans, Payara every value as a string
        assertThat(herald.readiness().body()).containsAnyOf("\"paused\":true", "\"paused\":\"true\"");
        long kafkaLag = adminClientLag("herald-intake");
        assertThat(kafkaLag).isEqualTo(lagBefore + 1000);
        JsonObject intakeGroup = group(Herald.json(herald.get("/api/admin/flow", admin)), "herald-intake");
        assertThat(intakeGroup.getJsonNumber("lag").longValue()).isEqualTo(kafkaLag);
        assertThat(partitionLags(intakeGroup)).isEqualTo(adminClientPartitionLags("herald-intake"));
        assertThat(Herald.json(herald.get("/api/admin/flow", admin))
                        .getJsonObject("intake")
                        .getBoolean("paused"))
                .isTrue();

        HttpResponse<String> resumed =
                herald.post("/api/admin/intake", admin, "application/json", "{\"paused\":false}");
        assertThat(Herald.json(resumed).getBoolean("paused")).isFalse();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> herald.storedPerEvent(prefix).size() == 1000);
        assertThat(herald.storedPerEvent(prefix).values()).containsOnly(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> adminClientLag("herald-intake") == 0);

        assertThat(actions()).contains("intake.pause", "intake.resume");
    }

    @Test
    void aPauseHoldsOnEveryInstanceEvenOneThatJoinsTheGroupWhilePaused() throws Exception {
        assertThat(herald.post("/api/admin/intake", admin, "application/json", "{\"paused\":true}")
                        .statusCode())
                .isEqualTo(200);
        Herald second = Herald.secondInstance("herald-ops2");
        try {
            // the newcomer joins the intake group: a rebalance hands it partitions while intake is paused
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> kafka
                                    .describeConsumerGroups(List.of("herald-intake"))
                                    .all()
                                    .get()
                                    .get("herald-intake")
                                    .members()
                                    .stream()
                                    .filter(m ->
                                            !m.assignment().topicPartitions().isEmpty())
                                    .count()
                            == 2);
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                JsonArray instances =
                        Herald.json(herald.get("/api/admin/flow", admin)).getJsonArray("instances");
                return instances.size() >= 2
                        && instances.stream()
                                .allMatch(i ->
                                        i.asJsonObject().getJsonObject("intake").getBoolean("paused"));
            });
            String prefix = "paused-two-" + Events.newId() + "-";
            List<Map.Entry<String, String>> records = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                String user = "two-" + (i % 25) + "-" + prefix;
                records.add(Map.entry(user, Events.notice(prefix + i, user, "Held on two " + i)));
            }
            herald.produceAll(records);
            await().during(Duration.ofSeconds(12))
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> herald.storedPerEvent(prefix).isEmpty()
                            && second.readiness().statusCode() == 200);

            assertThat(second.post("/api/admin/intake", admin, "application/json", "{\"paused\":false}")
                            .statusCode())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> herald.storedPerEvent(prefix).size() == 500);
            assertThat(herald.storedPerEvent(prefix).values()).containsOnly(1);
        } finally {
            herald.post("/api/admin/intake", admin, "application/json", "{\"paused\":false}");
            second.stopServer();
        }
    }

    @Test
    void aReplayedWindowRestoresWhatWasDeletedAndReportsTheRestAsPresent() throws Exception {
        String prefix = "replay-" + Events.newId() + "-";
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            users.add(Events.newUser("replayed"));
        }
        Instant from = Instant.now(); // the records get the producer's time (this JVM's clock) as their timestamps
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            String user = users.get(i % users.size());
            records.add(Map.entry(user, Events.notice(prefix + i, user, "Replayed " + i)));
        }
        herald.produceAll(records);
        await().atMost(Duration.ofSeconds(120))
                .until(() -> herald.storedPerEvent(prefix).size() == 5000);
        Instant to = Instant.now().plusSeconds(1);

        // the database lost 250 of them (a restore from an older backup, say)
        Set<String> lost = new HashSet<>();
        for (int i = 0; i < 5000; i += 20) {
            lost.add(prefix + i);
        }
        try (Connection db = herald.database();
                PreparedStatement delete = db.prepareStatement("DELETE FROM notification WHERE event_id = ANY(?)")) {
            delete.setArray(1, db.createArrayOf("varchar", lost.toArray()));
            assertThat(delete.executeUpdate()).isEqualTo(250);
        }

        HttpResponse<String> replayed = herald.post(
                "/api/admin/replay",
                admin,
                "application/json",
                "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"type\":\"notification.created\"}");
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        JsonObject result = Herald.json(replayed);
        assertThat(result.getJsonNumber("scanned").longValue()).isGreaterThanOrEqualTo(5000);
        assertThat(result.getJsonNumber("matched").longValue()).isEqualTo(5000);
        assertThat(result.getJsonNumber("restored").longValue()).isEqualTo(250);
        assertThat(result.getJsonNumber("present").longValue()).isEqualTo(4750);
        Map<String, Integer> stored = herald.storedPerEvent(prefix);
        assertThat(stored).hasSize(5000);
        assertThat(stored.values()).containsOnly(1);

        // once more, for one user: all present
        HttpResponse<String> again = herald.post(
                "/api/admin/replay",
                admin,
                "application/json",
                "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"user\":\"" + users.get(0) + "\"}");
        JsonObject second = Herald.json(again);
        assertThat(second.getJsonNumber("matched").longValue()).isEqualTo(100);
        assertThat(second.getJsonNumber("restored").longValue()).isZero();
        assertThat(second.getJsonNumber("present").longValue()).isEqualTo(100);

        // a window the wrong way round is a clear 400
        HttpResponse<String> backwards = herald.post(
                "/api/admin/replay", admin, "application/json", "{\"from\":\"" + to + "\",\"to\":\"" + from + "\"}");
        assertThat(backwards.statusCode()).isEqualTo(400);
        assertThat(backwards.body()).contains("must be after from");
        assertThat(actions()).contains("events.replay");
    }

    @Test
    void aBrokenCatalogIsRefusedAndAFixedOneLetsParkedRecordsBeReplayed() throws Exception {
        String user = Events.newUser("catalog");
        String eventId = Events.newId();
        herald.produce(
                user, Events.notice(eventId, user, "Announced").replace("notification.created", "ops.announced"));
        await().atMost(Duration.ofSeconds(30)).until(() -> herald.parkedCount(eventId) == 1);
        JsonObject parked = Herald.json(herald.get("/api/admin/parked-events?reason=ops.announced", admin));
        assertThat(parked.getJsonNumber("total").longValue()).isGreaterThanOrEqualTo(1);
        String parkedId = parked.getJsonArray("items").stream()
                .map(JsonValue::asJsonObject)
                .filter(p -> p.getString("payload").contains(eventId))
                .findFirst()
                .orElseThrow()
                .getString("id");
        int typesBefore = eventTypes();

        Path file = Herald.catalogFile();
        Files.writeString(file, "{\"defaultLocale\": \"en\", \"types\": {\"broken\": ");
        HttpResponse<String> refused = herald.post("/api/admin/catalog/reload", admin, "application/json", "");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("test-catalog.json").contains("not a JSON object");
        assertThat(eventTypes()).isEqualTo(typesBefore);

        // an empty selection would replay every parked record: refused
        assertThat(herald.post("/api/admin/parked-events/replay", admin, "application/json", "{}")
                        .statusCode())
                .isEqualTo(400);

        JsonObject catalog = Json.createReader(Files.newBufferedReader(Herald.BUILT_IN_CATALOG))
                .readObject();
        JsonObject types = Json.createObjectBuilder(catalog.getJsonObject("types"))
                .add("ops.announced", catalog.getJsonObject("types").getJsonObject("notification.created"))
                .build();
        Files.writeString(
                file,
                Json.createObjectBuilder(catalog).add("types", types).build().toString());
        HttpResponse<String> reloaded = herald.post("/api/admin/catalog/reload", admin, "application/json", "");
        assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
        assertThat(Herald.json(reloaded).getInt("types")).isEqualTo(typesBefore + 1);

        HttpResponse<String> replay = herald.post(
                "/api/admin/parked-events/replay", admin, "application/json", "{\"ids\":[\"" + parkedId + "\"]}");
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
        assertThat(Herald.json(replay).getInt("replayed")).isEqualTo(1);
        assertThat(Herald.json(replay).getInt("stillParked")).isZero();
        assertThat(herald.storedPerEvent(eventId)).containsEntry(eventId, 1);
        assertThat(herald.parkedCount(eventId)).isZero();

        // a record that is still unusable is parked again with its reason; discard removes it
        String other = Events.newId();
        herald.produce(
                user, Events.notice(other, user, "Still unknown").replace("notification.created", "ops.unknown"));
        await().atMost(Duration.ofSeconds(30)).until(() -> herald.parkedCount(other) == 1);
        HttpResponse<String> still = herald.post(
                "/api/admin/parked-events/replay", admin, "application/json", "{\"reason\":\"ops.unknown\"}");
        assertThat(Herald.json(still).getInt("stillParked")).isGreaterThanOrEqualTo(1);
        assertThat(herald.parkedReasons(other)).singleElement().asString().contains("ops.unknown");
        HttpResponse<String> discarded = herald.post(
                "/api/admin/parked-events/discard", admin, "application/json", "{\"reason\":\"ops.unknown\"}");
        assertThat(Herald.json(discarded).getInt("discarded")).isGreaterThanOrEqualTo(1);
        assertThat(herald.parkedCount(other)).isZero();

        assertThat(actions()).contains("catalog.reload", "parked.replay", "parked.discard");
        JsonArray reloads = Herald.json(herald.get("/api/admin/audit?action=catalog.reload", admin))
                .getJsonArray("items");
        assertThat(reloads.getJsonObject(0).getJsonObject("details").containsKey("types"))
                .isTrue();
        assertThat(reloads.getJsonObject(1).getJsonObject("details").getString("refused"))
                .contains("not a JSON object");
    }

    @Test
    void everyAdminActionIsInTheAuditTrailWhichOnlyGrows() throws Exception {
        String actor = "auditor-" + Events.newUser("a");
        String token = herald.token(actor, "admin");
        String user = Events.newUser("audited");
        String url = ChannelPeers.shared().base() + "/hooks/audit";
        HttpResponse<String> hook =
                herald.post("/api/admin/webhooks", token, "application/json", "{\"url\":\"" + url + "\"}");
        assertThat(hook.statusCode()).as(hook.body()).isEqualTo(201);
        String hookId = Herald.json(hook).getString("id");
        herald.put("/api/admin/webhooks/" + hookId, token, "{\"url\":\"" + url + "2\"}");
        herald.delete("/api/admin/webhooks/" + hookId, token);
        herald.put("/api/admin/users/" + user + "/contacts", token, "{\"email\":\"a@example.com\"}");
        herald.post("/api/admin/dead-letters/discard", token, "application/json", "{\"error\":\"no-such-error\"}");
        herald.post("/api/admin/retention/run", token, "application/json", "");

        JsonArray items = Herald.json(herald.get("/api/admin/audit?actor=" + actor, token))
                .getJsonArray("items");
        assertThat(items.stream().map(i -> i.asJsonObject().getString("action")))
                .containsExactly(
                        "retention.run",
                        "dead-letters.discard",
                        "contacts.update",
                        "webhook.delete",
                        "webhook.update",
                        "webhook.create");
        JsonObject create = items.getJsonObject(5);
        assertThat(create.getString("target")).isEqualTo("webhook " + hookId);
        assertThat(create.getJsonObject("details").getString("host"))
                .isEqualTo(java.net.URI.create(url).getHost() + ":"
                        + java.net.URI.create(url).getPort());
        assertThat(create.toString()).doesNotContain("/hooks/audit");
        assertThat(create.toString()).doesNotContain("secret").doesNotContain("whsec_");
        assertThat(items.getJsonObject(3).toString()).doesNotContain("a@example.com");
        assertThat(Instant.parse(create.getString("at")))
                .isBeforeOrEqualTo(Instant.parse(items.getJsonObject(0).getString("at")));

        // append-only: the database refuses to change or remove an entry
        try (Connection db = herald.database()) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(
                            () -> db.createStatement().executeUpdate("UPDATE audit_entry SET actor = 'someone else'")))
                    .hasMessageContaining("append-only");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(
                            () -> db.createStatement().executeUpdate("DELETE FROM audit_entry")))
                    .hasMessageContaining("append-only");
        }

        // a user cannot read it
        assertThat(herald.get("/api/admin/audit", herald.token(user, "user")).statusCode())
                .isEqualTo(403);
    }

    @Test
    void metricsArePrometheusTextForAdminsOverHttpsAndCountersMoveWithTraffic() throws Exception {
        assertThat(metrics(null).statusCode()).isEqualTo(401);
        assertThat(metrics(herald.token("someone", "user", "publisher")).statusCode())
                .isEqualTo(403);
        HttpResponse<String> plain = herald.get("/metrics?scope=application", admin);
        assertThat(plain.statusCode()).as("plain HTTP is sent to HTTPS").isEqualTo(302);
        assertThat(plain.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).startsWith("https://"));
        Map<String, Double> before = scrape();
        assertThat(before)
                .containsKeys(
                        "herald_intake_records_total",
                        "herald_live_sockets",
                        "herald_workflow_pending",
                        "herald_workflow_overdue_seconds",
                        "herald_scheduled_pending");
        String user = Events.newUser("metered");
        String prefix = "metered-" + Events.newId() + "-";
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            records.add(Map.entry(user, Events.notice(prefix + i, user, "Metered " + i)));
        }
        herald.produceAll(records);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> herald.storedPerEvent(prefix).size() == 20);
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        scrape().get("herald_intake_records_total") >= before.get("herald_intake_records_total") + 20);
        Map<String, Double> after = scrape();
        assertThat(after.get("herald_intake_batch_seconds_count"))
                .isGreaterThan(before.getOrDefault("herald_intake_batch_seconds_count", 0.0));
        assertThat(after.keySet().stream().anyMatch(k -> k.startsWith("herald_intake_batch_seconds_bucket")))
                .as("the batch time is a histogram")
                .isTrue();
    }

    @Test
    void readinessShowsEachDependencyAndTheChannelBreakersWithoutFailing() throws Exception {
        HttpResponse<String> ready = herald.readiness();
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        JsonArray checks = Herald.json(ready).getJsonArray("checks");
        Map<String, JsonObject> byName = checks.stream()
                .map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(c -> c.getString("name"), c -> c));
        assertThat(byName).containsKeys("postgresql", "kafka-consumer-intake", "channel-breakers");
        assertThat(byName.get("channel-breakers").getString("status")).isEqualTo("UP");
        assertThat(byName.get("channel-breakers").getJsonObject("data").getString("webhook"))
                .isEqualTo("enabled, circuit closed");
    }

    @Test
    void theFlowShowsTopicsGroupsInstancesAndBacklogsToAdminsOnly() throws Exception {
        JsonObject flow = await().atMost(Duration.ofSeconds(15))
                .until(() -> Herald.json(herald.get("/api/admin/flow", admin)), f -> !f.getJsonArray("instances")
                        .isEmpty());
        assertThat(flow.getJsonObject("kafka").getBoolean("reachable")).isTrue();
        assertThat(flow.getJsonArray("topics").stream()
                        .map(t -> t.asJsonObject().getString("name")))
                .contains("herald.events", "herald.deliveries");
        assertThat(flow.getJsonArray("groups").stream()
                        .map(g -> g.asJsonObject().getString("role")))
                .contains("intake", "live");
        JsonObject instance = flow.getJsonArray("instances").getJsonObject(0);
        assertThat(instance.getJsonObject("intake").containsKey("recordsPerSecond"))
                .isTrue();
        assertThat(flow.containsKey("parked") && flow.containsKey("deadLetters"))
                .isTrue();
        assertThat(herald.get("/api/admin/flow", herald.token("someone", "user", "publisher"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(herald.get("/api/admin/flow", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aUsersStoryAndTheAnalyticsSayWhatHappenedOnEachChannel() throws Exception {
        String user = Events.newUser("storied");
        String token = herald.token(user, "user");
        ChannelPeers peers = ChannelPeers.shared();
        String hook = "/hooks/" + user;
        herald.post("/api/webhooks", token, "application/json", "{\"url\":\"" + peers.base() + hook + "\"}");
        peers.script(hook, 400);
        herald.put("/api/admin/users/" + user + "/contacts", admin, "{\"email\":\"" + user + "@example.com\"}");
        String eventId = Events.newId();
        herald.produce(user, Events.jobStatus(eventId, user, "Data engineer", "offer"));

        JsonObject item = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> {
                            JsonArray items = Herald.json(herald.get("/api/admin/story?user=" + user, admin))
                                    .getJsonArray("items");
                            return items.isEmpty() ? null : items.getJsonObject(0);
                        },
                        // each channel's own status, not the words anywhere in the story (the explanation says
                        // "delivered" of the app while the email is still being sent)
                        i -> i != null
                                && statuses(i).getOrDefault("webhook", "").equals("dead")
                                && statuses(i).getOrDefault("email", "").equals("delivered"));
        assertThat(item.getJsonObject("notification").getString("type")).isEqualTo("job.status.updated");
        assertThat(item.getJsonArray("events").getJsonObject(0).getString("id")).isEqualTo(eventId);
        assertThat(statuses(item)).containsEntry("webhook", "dead").containsEntry("email", "delivered");
        assertThat(item.getString("explanation")).contains("webhook dead").contains("email delivered");

        JsonArray byEvent = Herald.json(herald.get("/api/admin/story?event=" + eventId, admin))
                .getJsonArray("items");
        assertThat(byEvent).hasSize(1);
        assertThat(byEvent.getJsonObject(0).getJsonObject("notification").getString("id"))
                .isEqualTo(item.getJsonObject("notification").getString("id"));
        assertThat(herald.get("/api/admin/story", admin).statusCode()).isEqualTo(400);
        assertThat(herald.get("/api/admin/story?user=" + user, token).statusCode())
                .isEqualTo(403);

        JsonObject analytics =
                Herald.json(herald.get("/api/admin/analytics?type=job.status.updated&bucket=hour", admin));
        assertThat(analytics.getJsonArray("buckets")).isNotEmpty();
        assertThat(sum(analytics.getJsonObject("series").getJsonArray("stored")))
                .isGreaterThanOrEqualTo(1);
        assertThat(sum(analytics
                        .getJsonObject("channels")
                        .getJsonObject("webhook")
                        .getJsonArray("dead")))
                .isGreaterThanOrEqualTo(1);
        assertThat(sum(analytics
                        .getJsonObject("channels")
                        .getJsonObject("email")
                        .getJsonArray("delivered")))
                .isGreaterThanOrEqualTo(1);
        HttpResponse<String> week = herald.get("/api/admin/analytics?bucket=week", admin);
        assertThat(week.statusCode()).isEqualTo(400);
        assertThat(week.body()).contains("bucket");
    }

    private static long sum(JsonArray values) {
        return values.stream()
                .mapToLong(v -> ((jakarta.json.JsonNumber) v).longValue())
                .sum();
    }

    // --- helpers ---

    private static int eventTypes() throws Exception {
        try (var reader = Json.createReader(
                new java.io.StringReader(herald.get("/api/event-types", admin).body()))) {
            return reader.readArray().size();
        }
    }

    private static Set<String> actions() throws Exception {
        return Herald.json(herald.get("/api/admin/audit?limit=1000", admin)).getJsonArray("items").stream()
                .map(i -> i.asJsonObject().getString("action"))
                .collect(Collectors.toSet());
    }

    private static JsonObject group(JsonObject flow, String name) {
        return flow.getJsonArray("groups").stream()
                .map(JsonValue::asJsonObject)
                .filter(g -> g.getString("group").equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no group " + name + " in " + flow));
    }

    private static Map<String, Long> partitionLags(JsonObject group) {
        Map<String, Long> lags = new HashMap<>();
        group.getJsonArray("partitions").stream()
                .map(JsonValue::asJsonObject)
                .forEach(p -> lags.put(
                        p.getString("topic") + "-" + p.getInt("partition"),
                        p.getJsonNumber("lag").longValue()));
        return lags;
    }

    private static Map<String, Long> adminClientPartitionLags(String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(p -> latest.put(p, OffsetSpec.latest()));
        var ends = kafka.listOffsets(latest).all().get();
        Map<String, Long> lags = new HashMap<>();
        committed.forEach((p, offset) ->
                lags.put(p.topic() + "-" + p.partition(), ends.get(p).offset() - offset.offset()));
        return lags;
    }

    private static long adminClientLag(String group) throws Exception {
        return adminClientPartitionLags(group).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    /** {@code GET /metrics?scope=application} over HTTPS (Liberty's generated certificate, trusted for the test). */
    private static HttpResponse<String> metrics(String token) throws Exception {
        javax.net.ssl.SSLContext ssl = javax.net.ssl.SSLContext.getInstance("TLS");
        ssl.init(
                null,
                // the server's generated certificate, for any host name (Payara's names none: no SAN)
                new javax.net.ssl.TrustManager[] {new TrustingAnyCertificate()},
                null);
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "https://127.0.0.1:" + herald.server().httpsPort() + "/metrics?scope=application"))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        java.net.http.HttpClient client =
                java.net.http.HttpClient.newBuilder().sslContext(ssl).build();
        // readiness includes HTTPS (HeraldServer.awaitReady); a listener that went away since is this test's failure,
        // with what the server logged about its listeners
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException refused) {
            throw new AssertionError(
                    "HTTPS refused on port " + herald.server().httpsPort() + "; the server's listener lines:\n"
                            + herald.server()
                                    .logTail(100_000)
                                    .lines()
                                    .filter(line -> line.contains("istener"))
                                    .collect(java.util.stream.Collectors.joining("\n")),
                    refused);
        }
    }

    /** Trusts the test server's self-signed certificate, whatever host name it names (an extended manager is not
     * wrapped by the JDK's own host name check). */
    private static final class TrustingAnyCertificate extends javax.net.ssl.X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String type) {}

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String type) {}

        @Override
        public void checkClientTrusted(
                java.security.cert.X509Certificate[] chain, String type, java.net.Socket socket) {}

        @Override
        public void checkServerTrusted(
                java.security.cert.X509Certificate[] chain, String type, java.net.Socket socket) {}

        @Override
        public void checkClientTrusted(
                java.security.cert.X509Certificate[] chain, String type, javax.net.ssl.SSLEngine engine) {}

        @Override
        public void checkServerTrusted(
                java.security.cert.X509Certificate[] chain, String type, javax.net.ssl.SSLEngine engine) {}

        @Override
        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
            return new java.security.cert.X509Certificate[0];
        }
    }

    private static final Pattern SAMPLE =
            Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)( [0-9]+)?");

    /**
     * The scrape as Prometheus text format 0.0.4: every line a comment ({@code # HELP}, {@code # TYPE}) or a
     * sample; herald_* samples summed over their labels (bucket lines keyed with their {@code le}).
     */
    private static Map<String, Double> scrape() throws Exception {
        HttpResponse<String> response = metrics(admin);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        Map<String, Double> samples = new HashMap<>();
        for (String line : response.body().split("\n")) {
            if (line.isBlank() || line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertThat(sample.matches()).as("not Prometheus text: " + line).isTrue();
            String name = sample.group(1);
            if (name.endsWith("_bucket") && sample.group(2) != null) {
                Matcher le = Pattern.compile("le=\"([^\"]*)\"").matcher(sample.group(2));
                if (le.find()) {
                    name = name + "{le=" + le.group(1) + "}";
                }
            }
            samples.merge(name, Double.parseDouble(sample.group(3).replace("+Inf", "Infinity")), Double::sum);
        }
        return samples;
    }

    /** A story item's deliveries: channel -> status. */
    private static Map<String, String> statuses(JsonObject item) {
        if (!(item.get("deliveries") instanceof JsonArray deliveries)) {
            return Map.of();
        }
        return deliveries.stream()
                .map(JsonValue::asJsonObject)
                .collect(Collectors.toMap(d -> d.getString("channel"), d -> d.getString("status"), (a, b) -> a));
    }
}
