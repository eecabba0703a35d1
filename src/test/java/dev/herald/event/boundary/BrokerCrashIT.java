package dev.herald.event.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.herald.devstack.KafkaProcess;
import dev.herald.devstack.Stack;
import dev.herald.testing.ClosedAfterAll;
import dev.herald.testing.EventLoad;
import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import dev.herald.testing.LiveClient;
import dev.herald.testing.TestStack;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kafka's broker runs as its own process here, so it can be SIGKILLed under load and started again on the same data;
 * Liberty too. Every event Kafka acknowledged (or that {@code POST /api/events} answered 202) is stored exactly
 * once, the consumers come back by themselves, readiness says what is wrong meanwhile, and an open socket keeps
 * getting its frames without a gap. Recovery times are printed, not asserted.
 */
class BrokerCrashIT {
    @RegisterExtension
    static final ClosedAfterAll own = new ClosedAfterAll();

    static final Duration OUTAGE = Duration.ofSeconds(10);
    static KafkaProcess broker;
    static Herald herald;

    @BeforeAll
    static void start() throws Exception {
        TestStack.shared();
        broker = own.add(KafkaProcess.plaintext(TestStack.workDir("broker-crash")));
        broker.start();
        broker.createTopics(Stack.topics(4));
        herald = own.add(Herald.onOwnBroker(
                "herald-crash",
                broker.externalBootstrap(),
                Map.of(
                        "HERALD_KAFKA_BOOTSTRAP_SERVERS",
                        broker.externalBootstrap(),
                        // the production default: the other tests' 150 is for reaching the gap path, and a broker
                        // outage under this load leaves the watched socket up to ~200 notifications to fill
                        "HERALD_LIVE_RESUME_LIMIT",
                        "500")));
        herald.server().awaitReady(Duration.ofMinutes(3));
    }

    @Test
    void brokerKilledUnderKafkaAndRestLoadLosesNothingAndStoresNothingTwice() throws Exception {
        String watched = Events.newUser("watched");
        List<String> users = IntStream.range(0, 9)
                .mapToObj(i -> Events.newUser("crash"))
                .collect(java.util.stream.Collectors.toList());
        users.add(watched);
        LiveClient socket = herald.connectLive(watched);
        socket.resume(0);

        EventLoad load = new EventLoad(users)
                .viaKafka(broker.externalBootstrap(), 100, Duration.ofSeconds(25))
                .viaRest(herald, 4, 40, Duration.ofSeconds(25));
        TimeUnit.SECONDS.sleep(4); // load is flowing before the crash
        Path log = herald.server().logs().resolve("messages.log");
        long linesBefore = lines(log);

        Instant killed = Instant.now();
        broker.kill();
        HttpResponse<String> down = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(herald::readiness, response -> response.statusCode() == 503);
        Duration toDown = Duration.between(killed, Instant.now());
        assertThat(down.body()).contains("kafka-consumer-intake").contains("error");
        TimeUnit.MILLISECONDS.sleep(Math.max(
                0, OUTAGE.minus(Duration.between(killed, Instant.now())).toMillis()));
        long linesDuringOutage = lines(log) - linesBefore;

        Instant restarted = Instant.now();
        broker.start();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> herald.readiness().statusCode() == 200);
        Duration toReady = Duration.between(restarted, Instant.now());
        load.await(Duration.ofMinutes(4));

        Set<String> acknowledged = load.acknowledged();
        Map<String, Integer> stored = await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> herald.storedPerEvent(load.prefix()), counts -> counts.keySet()
                        .containsAll(acknowledged));
        assertThat(stored.values()).as("no event stored twice").allMatch(count -> count == 1);
        assertThat(load.sent()).containsAll(stored.keySet());

        int watchedStored = herald.storedCount(watched);
        try {
            socket.awaitFrames("notification.created", watchedStored, Duration.ofSeconds(60));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Set<Long> got = new java.util.TreeSet<>(socket.frames("notification.created").stream()
                    .map(LiveClient::seq)
                    .toList());
            List<Long> missing = LongStream.rangeClosed(1, watchedStored)
                    .filter(seq -> !got.contains(seq))
                    .boxed()
                    .toList();
            throw new AssertionError("the socket (open: " + socket.isOpen() + ") got " + got.size() + " of "
                    + watchedStored + " notifications; missing seqs " + missing + "; other frames "
                    + socket.frames().stream()
                            .map(f -> f.getString("type"))
                            .filter(t -> !t.equals("notification.created"))
                            .toList());
        }
        List<Long> seqs = socket.frames("notification.created").stream()
                .map(LiveClient::seq)
                .toList();
        assertThat(seqs)
                .as("the open socket got every notification of its user, in order, once")
                .containsExactlyElementsOf(IntStream.rangeClosed(1, watchedStored)
                        .mapToObj(i -> (long) i)
                        .toList());
        socket.close();

        System.out.printf(
                "BrokerCrashIT: %d acknowledged (%d refused while down), all stored once; readiness DOWN %d ms after"
                        + " the kill, UP %d ms after the restart; %d log lines during the %d s outage%n",
                acknowledged.size(),
                load.refused(),
                toDown.toMillis(),
                toReady.toMillis(),
                linesDuringOutage,
                OUTAGE.toSeconds());
        assertThat(linesDuringOutage)
                .as("a broker outage costs a bounded number of log lines")
                .isLessThan(60);
    }

    @Test
    void libertyKilledUnderLoadResumesIntakeByTheTimeItIsReady() throws Exception {
        List<String> users = List.of(Events.newUser("phoenix"), Events.newUser("phoenix"));
        EventLoad load = new EventLoad(users).viaKafka(broker.externalBootstrap(), 50, Duration.ofSeconds(45));
        TimeUnit.SECONDS.sleep(3);
        herald.killServer();
        Instant killed = Instant.now();
        int atKill = herald.storedPerEvent(load.prefix()).size();
        herald.server().launch();
        Instant ready = null;
        Instant storing = null;
        Instant deadline = killed.plus(Duration.ofMinutes(3));
        while ((ready == null || storing == null) && Instant.now().isBefore(deadline)) {
            if (storing == null && herald.storedPerEvent(load.prefix()).size() > atKill) {
                storing = Instant.now();
            }
            if (ready == null && readyNow()) {
                ready = Instant.now();
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        assertThat(ready).as("ready again").isNotNull();
        assertThat(storing).as("intake storing again").isNotNull();
        load.await(Duration.ofMinutes(2));

        Set<String> acknowledged = load.acknowledged();
        Map<String, Integer> stored = await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> herald.storedPerEvent(load.prefix()), counts -> counts.keySet()
                        .containsAll(acknowledged));
        assertThat(stored.values()).as("no event stored twice").allMatch(count -> count == 1);
        System.out.printf(
                "BrokerCrashIT: Liberty SIGKILLed under load; ready again %d ms after the kill, intake storing again"
                        + " %d ms after the kill (%d ms after ready); %d acknowledged, all stored once%n",
                Duration.between(killed, ready).toMillis(),
                Duration.between(killed, storing).toMillis(),
                Duration.between(ready, storing).toMillis(),
                acknowledged.size());
    }

    private static boolean readyNow() {
        try {
            return herald.readiness().statusCode() == 200;
        } catch (Exception e) {
            return false; // not listening yet
        }
    }

    private static long lines(Path log) throws Exception {
        try (var stream = Files.lines(log)) {
            return stream.count();
        }
    }
}
