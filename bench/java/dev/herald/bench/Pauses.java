package dev.herald.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * The pauses in a flight recording of the server (bench/pauses.jfc): GC pauses, and safepoints with the VM operation
 * that held them. The benchmark takes one in the latency phase to tell a stalled JVM from a slow path.
 */
record Pauses(List<Pause> all) {
    /** One pause: what it was, when (from the recording's start) and how long. */
    record Pause(String what, Duration at, Duration took) {}

    static Pauses read(Path recording) throws IOException {
        List<RecordedEvent> events = RecordingFile.readAllEvents(recording);
        Instant start = events.stream().map(RecordedEvent::getStartTime).min(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        List<Pause> pauses = new ArrayList<>();
        for (RecordedEvent e : events) {
            String type = e.getEventType().getName();
            String what = switch (type) {
                case "jdk.GCPhasePause" -> "GC " + e.getString("name");
                case "jdk.SafepointBegin" -> "safepoint";
                case "jdk.ExecuteVMOperation" -> "VM operation " + e.getString("operation")
                        + (e.getBoolean("safepoint") ? " (at a safepoint)" : "");
                default -> null;
            };
            if (what != null) {
                pauses.add(new Pause(what, Duration.between(start, e.getStartTime()), e.getDuration()));
            }
        }
        pauses.sort(Comparator.comparing(Pause::took).reversed());
        return new Pauses(pauses);
    }

    /** The total of the GC pauses (jdk.GCPhasePause: whole pauses; their phases are events of other types). */
    Duration gcTotal() {
        return all.stream()
                .filter(p -> p.what().startsWith("GC "))
                .map(Pause::took)
                .reduce(Duration.ZERO, Duration::plus);
    }

    Duration longestGc() {
        return all.stream().filter(p -> p.what().startsWith("GC ")).map(Pause::took).findFirst().orElse(Duration.ZERO);
    }

    Duration longestSafepoint() {
        return all.stream()
                .filter(p -> p.what().equals("safepoint"))
                .map(Pause::took)
                .findFirst()
                .orElse(Duration.ZERO);
    }

    List<Pause> longest(int n) {
        return all.subList(0, Math.min(n, all.size()));
    }
}
