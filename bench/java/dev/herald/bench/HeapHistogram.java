package dev.herald.bench;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A class histogram of live objects ({@code jcmd PID GC.class_histogram}, which collects first): bytes and instances
 * per class. Two of them, before and after sockets are opened, say what each socket costs and in which classes.
 */
record HeapHistogram(Map<String, long[]> byClass) {
    /** One class's growth between two histograms. */
    record Growth(String className, long instances, long bytes) {}

    /** Parses lines like {@code "   1:    123    4567  java.lang.String (java.base@17)"}. */
    static HeapHistogram parse(String jcmdOutput) {
        Map<String, long[]> byClass = new HashMap<>();
        for (String line : jcmdOutput.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 4 && parts[0].endsWith(":") && parts[1].matches("\\d+")) {
                byClass.merge(
                        parts[3],
                        new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            }
        }
        if (byClass.isEmpty()) {
            throw new IllegalStateException("no class histogram in: " + jcmdOutput);
        }
        return new HeapHistogram(byClass);
    }

    /** Bytes of all live objects. */
    long totalBytes() {
        return byClass.values().stream().mapToLong(v -> v[1]).sum();
    }

    /** The classes that grew most in bytes since {@code before}, largest first. */
    List<Growth> grownSince(HeapHistogram before, int limit) {
        return byClass.entrySet().stream()
                .map(e -> {
                    long[] was = before.byClass.getOrDefault(e.getKey(), new long[2]);
                    return new Growth(e.getKey(), e.getValue()[0] - was[0], e.getValue()[1] - was[1]);
                })
                .sorted(Comparator.comparingLong(Growth::bytes).reversed())
                .limit(limit)
                .toList();
    }
}
