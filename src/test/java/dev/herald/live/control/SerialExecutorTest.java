package dev.herald.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {
    /** Runs what it is given only when told to, so the test decides when the serial drain happens. */
    private final Queue<Runnable> pool = new ArrayDeque<>();

    private final List<String> events = new ArrayList<>();

    private final SerialExecutor.Failures failures = new SerialExecutor.Failures() {
        @Override
        public void failed(RuntimeException failure) {
            events.add("failed: " + failure.getMessage());
        }

        @Override
        public void overflowed(int capacity) {
            events.add("overflowed at " + capacity);
        }
    };

    private void runPool() {
        while (!pool.isEmpty()) {
            pool.poll().run();
        }
    }

    @Test
    void runsTasksInOrderOneDrainAtATime() {
        SerialExecutor serial = new SerialExecutor(pool::add, 10, failures);
        serial.execute(() -> events.add("a"));
        serial.execute(() -> events.add("b"));
        assertEquals(1, pool.size(), "one drain for tasks queued together");
        runPool();
        serial.execute(() -> events.add("c"));
        runPool();
        assertEquals(List.of("a", "b", "c"), events);
    }

    @Test
    void aFailedTaskIsReportedAndTheTasksBehindItStillRun() {
        SerialExecutor serial = new SerialExecutor(pool::add, 10, failures);
        serial.execute(() -> events.add("a"));
        serial.execute(() -> {
            throw new IllegalStateException("catch-up read failed");
        });
        serial.execute(() -> events.add("c"));
        runPool();
        assertEquals(List.of("a", "failed: catch-up read failed", "c"), events);
    }

    @Test
    void aFailingHandlerDoesNotStallTheSocket() {
        SerialExecutor serial = new SerialExecutor(pool::add, 10, new SerialExecutor.Failures() {
            @Override
            public void failed(RuntimeException failure) {
                throw new IllegalStateException("socket already closed");
            }

            @Override
            public void overflowed(int capacity) {}
        });
        serial.execute(() -> {
            throw new IllegalStateException("first");
        });
        runPool();
        serial.execute(() -> events.add("after"));
        runPool();
        assertEquals(List.of("after"), events);
    }

    @Test
    void aFullQueueDropsItsTasksAndRunsTheOverflowOnce() {
        SerialExecutor serial = new SerialExecutor(pool::add, 3, failures);
        for (int i = 0; i < 10; i++) {
            int n = i;
            serial.execute(() -> events.add("task " + n));
        }
        assertTrue(serial.queued() <= 3, "the queue stays within its limit: " + serial.queued());
        runPool();
        serial.execute(() -> events.add("late"));
        runPool();
        assertEquals(List.of("overflowed at 3"), events);
    }
}
