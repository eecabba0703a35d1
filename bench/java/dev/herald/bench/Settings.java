package dev.herald.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The benchmark's sizes: full defaults, a seconds-long smoke mode, and --name=value overrides. */
public record Settings(
        int rawRecords,
        int payloadBytes,
        int warmupEvents,
        int warmupRounds,
        int throughputEvents,
        int throughputUsers,
        int latencySockets,
        int latencyRate,
        int latencySeconds,
        int latencyWarmupSeconds,
        int idleSockets,
        int purgeRows,
        int instances,
        int instanceSockets,
        Set<String> phases,
        boolean smoke,
        boolean fastDatabase) {
    /** Every phase, in the order they run; {@code --phases=latency,connections} runs only those. */
    public static final List<String> PHASES =
            List.of(
                    "raw",
                    "throughput",
                    "aggregation",
                    "channels",
                    "latency",
                    "retention",
                    "connections",
                    "instances",
                    "workflow");

    public boolean runs(String phase) {
        return phases.contains(phase);
    }


    public static Settings fullRun() {
        return new Settings(
                200_000, 400, 30_000, 8, 200_000, 1_000, 5_000, 1_000, 60, 10, 18_500, 1_000_000, 4, 18_000, Set.copyOf(PHASES), false,
                false);
    }

    public static Settings smokeRun() {
        return new Settings(
                2_000, 400, 200, 1, 500, 20, 50, 100, 2, 1, 100, 2_000, 2, 40, Set.copyOf(PHASES), true, true);
    }

    public static Settings parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        boolean smoke = false;
        boolean fastDatabase = false;
        for (String arg : args) {
            if (arg.isBlank()) {
                continue;
            }
            if (arg.equals("--smoke")) {
                smoke = true;
            } else if (arg.equals("--fast-db")) {
                fastDatabase = true;
            } else if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        Settings base = smoke ? smokeRun() : fullRun();
        return new Settings(
                get(options, "raw-records", base.rawRecords),
                get(options, "payload-bytes", base.payloadBytes),
                get(options, "warmup", base.warmupEvents),
                get(options, "warmup-rounds", base.warmupRounds),
                get(options, "events", base.throughputEvents),
                get(options, "users", base.throughputUsers),
                get(options, "sockets", base.latencySockets),
                get(options, "rate", base.latencyRate),
                get(options, "seconds", base.latencySeconds),
                get(options, "latency-warmup", base.latencyWarmupSeconds),
                get(options, "idle-sockets", base.idleSockets),
                get(options, "purge-rows", base.purgeRows),
                get(options, "instances", base.instances),
                get(options, "instance-sockets", base.instanceSockets),
                options.containsKey("phases") ? phases(options.get("phases")) : base.phases,
                smoke,
                fastDatabase);
    }

    private static Set<String> phases(String list) {
        Set<String> phases = Set.of(list.split(","));
        if (!PHASES.containsAll(phases)) {
            throw new IllegalArgumentException("--phases takes some of " + PHASES + ", not " + list);
        }
        return phases;
    }

    private static int get(Map<String, String> options, String name, int fallback) {
        return options.containsKey(name) ? Integer.parseInt(options.get(name)) : fallback;
    }
}
