package dev.herald.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * CPU seconds spent during a phase by the Liberty server, by this JVM (the load generator, the socket clients and the
 * embedded Kafka broker) and by the rest of the machine (mostly PostgreSQL), read from /proc; also how much of
 * Liberty's went to its JIT compiler threads.
 */
final class CpuMeter {
    private static final double TICKS = 100.0; // USER_HZ on Linux

    private final long libertyPid;
    private final double liberty0;
    private final double compiler0;
    private final double self0;
    private final double total0;

    CpuMeter(long libertyPid) throws IOException {
        this.libertyPid = libertyPid;
        this.liberty0 = processSeconds(libertyPid);
        this.compiler0 = compilerSeconds(libertyPid);
        this.self0 = selfSeconds();
        this.total0 = machineSeconds();
    }

    void report(Results results, String section) throws IOException {
        double liberty = processSeconds(libertyPid) - liberty0;
        double self = selfSeconds() - self0;
        double total = machineSeconds() - total0;
        results.add(section, "cpu: liberty", liberty, "cpu-s");
        results.add(section, "cpu: liberty, of which JIT compiler", compilerSeconds(libertyPid) - compiler0, "cpu-s");
        results.add(section, "cpu: load generator + clients + kafka", self, "cpu-s");
        results.add(section, "cpu: rest of machine (postgres, os)", Math.max(0, total - liberty - self), "cpu-s");
    }

    /** Liberty's CPU seconds since this meter started. */
    double libertySeconds() throws IOException {
        return processSeconds(libertyPid) - liberty0;
    }

    /** Liberty's CPU seconds since this meter started, without its JIT compiler threads'. */
    double libertySecondsWithoutCompiler() throws IOException {
        return libertySeconds() - (compilerSeconds(libertyPid) - compiler0);
    }

    /** The share of Liberty's CPU its JIT compiler threads took since this meter started. */
    double compilerShare() throws IOException {
        double liberty = processSeconds(libertyPid) - liberty0;
        return liberty <= 0 ? 0 : (compilerSeconds(libertyPid) - compiler0) / liberty;
    }

    private static double processSeconds(long pid) throws IOException {
        return statSeconds(Files.readString(Path.of("/proc/" + pid + "/stat")));
    }

    /** CPU of the JVM's C1 and C2 compiler threads (named {@code C1 CompilerThre…}, {@code C2 CompilerThre…}). */
    private static double compilerSeconds(long pid) throws IOException {
        double seconds = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.matches("C[12] CompilerThre.*")) {
                        seconds += statSeconds(stat);
                    }
                } catch (NoSuchFileException gone) {
                    // a thread that ended meanwhile
                }
            }
        }
        return seconds;
    }

    private static double statSeconds(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
    }

    private static double selfSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }

    /** CPU seconds the whole machine has spent (all processes, user and system). */
    static double machineSeconds() throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < cpu.length; i++) {
            if (i != 4 && i != 5) { // idle, iowait
                busy += Long.parseLong(cpu[i]);
            }
        }
        return busy / TICKS;
    }
}
