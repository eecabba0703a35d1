package dev.herald.live.control;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: one socket's frames never overtake. The queue
 * is bounded: a socket that cannot keep up gets its overflow task (a close) instead of holding memory without end.
 * A task that fails is handed to {@link Failures}; the tasks behind it still run.
 */
final class SerialExecutor implements Executor {
    /** What the owner does when a task fails or the queue is full. */
    interface Failures {
        /** Runs on the serial thread, in place of the task that failed. */
        void failed(RuntimeException failure);

        /** Runs on the serial thread once, after the queued tasks were dropped; later tasks are ignored. */
        void overflowed(int capacity);
    }

    private final Executor executor;
    private final int capacity;
    private final Failures failures;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean running;
    private boolean overflowed;

    SerialExecutor(Executor executor, int capacity, Failures failures) {
        this.executor = executor;
        this.capacity = capacity;
        this.failures = failures;
    }

    @Override
    public synchronized void execute(Runnable task) {
        if (overflowed) {
            return;
        }
        if (tasks.size() >= capacity) {
            overflowed = true;
            tasks.clear();
            tasks.add(() -> failures.overflowed(capacity));
        } else {
            tasks.add(task);
        }
        if (!running) {
            running = true;
            executor.execute(this::drain);
        }
    }

    synchronized int queued() {
        return tasks.size();
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                fail(e);
            }
        }
    }

    private void fail(RuntimeException failure) {
        try {
            failures.failed(failure);
        } catch (RuntimeException e) {
            // the handler logs before it touches the socket; a second failure must not end this drain loop and
            // leave "running" set, which would stall the socket for good
            failure.addSuppressed(e);
        }
    }
}
