package dev.herald.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.Herald;
import dev.herald.testing.TestStack;
import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark harness working: a smoke run (seconds, tiny numbers) against the test stack. It checks that
 * every section produced its figures and that every published event was delivered exactly once; it never checks
 * speed.
 */
class BenchmarkSmokeIT {
    @Test
    void aSmokeRunMeasuresEverySectionAndDeliversEveryEventOnce() throws Exception {
        Herald herald = Herald.shared();
        Settings smoke = Settings.smokeRun();
        Benchmark benchmark = new Benchmark(smoke, TestStack.shared(), herald.server(), Herald.environment(TestStack.shared()));
        benchmark.runAll();
        Results results = benchmark.results();

        for (String[] figure : new String[][] {
            {"raw", "kafka produce->consume"},
            {"raw", "postgres batched insert, 1 thread"},
            {"throughput", "events published->committed->pushed"},
            {"latency", "p99 publish->frame"},
            {"connections", "server heap used after GC"},
            {"connections", "all sockets back and resumed after restart"}
        }) {
            assertThat(results.get(figure[0], figure[1])).as(figure[1]).isPositive();
        }
        // a measurement, not a property: with 100 sockets it is within GC noise and may even be negative
        assertThat(results.get("connections", "heap per socket")).isNotNaN();
        assertThat(results.get("aggregation", "events stored or absorbed (counted in postgres)"))
                .isEqualTo(smoke.throughputEvents());
        assertThat(results.get("aggregation", "aggregates holding the likes")).isPositive();
        assertThat(results.get("throughput", "stored rows (counted in postgres)"))
                .isEqualTo(smoke.throughputEvents());
        assertThat(results.get("throughput", "delivered exactly once")).isEqualTo(smoke.throughputEvents());
        assertThat(results.get("throughput", "never delivered")).isZero();
        int latencyEvents = smoke.latencyRate() * smoke.latencySeconds();
        assertThat(results.get("latency", "delivered exactly once")).isEqualTo(latencyEvents);
        assertThat(results.get("latency", "delivered more than once")).isZero();
        // every frame's record on herald.deliveries was seen, so the two hops add up to the whole for every event
        assertThat(results.get("latency", "hops seen on herald.deliveries")).isEqualTo(latencyEvents);
        assertThat(results.get("latency", "server GC pauses, total")).isNotNaN();
        assertThat(results.get("connections", "idle authenticated sockets held")).isEqualTo(smoke.idleSockets());
        assertThat(results.get("retention", "old rows left after the purge")).isZero();
        int channelEvents = Math.max(100, smoke.throughputEvents() / 5);
        assertThat(results.get("channels", "deliveries confirmed (counted in postgres)")).isEqualTo(2 * channelEvents);
        assertThat(results.get("channels", "emails received by the SMTP server")).isEqualTo(channelEvents);
        assertThat(results.get("channels", "webhooks received twice (same webhook-id)")).isZero();
        assertThat(results.get("channels", "dead letters")).isZero();
        // two instances, the sockets spread over both: every event reaches its socket once, whichever stored it
        assertThat(results.get("instances", "instances")).isEqualTo(smoke.instances());
        assertThat(results.get("instances", "delivered exactly once")).isEqualTo(latencyEvents);
        assertThat(results.get("instances", "delivered more than once")).isZero();
        assertThat(results.get("instances", "liberty cpu per event, instance 2")).isPositive();
        assertThat(results.get("retention", "purge duration")).isPositive();
        assertThat(results.get("retention", "never delivered")).isZero();
        assertThat(results.get("retention", "delivered more than once")).isZero();
    }
}
