package dev.herald.testing;

import dev.herald.devstack.Ports;
import dev.herald.devstack.Stack;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The one embedded stack (Kafka, PostgreSQL, dev keys) of a test JVM. When the JVM exits, what was started on top of
 * it (Liberty servers) stops first, newest first, then the stack.
 */
public final class TestStack {
    private static Stack stack;
    private static final Deque<Runnable> ON_TOP = new ArrayDeque<>();

    private TestStack() {}

    public static synchronized Stack shared() throws Exception {
        if (stack == null) {
            stack = Stack.start(workDir(), Ports.free());
            Runtime.getRuntime().addShutdownHook(new Thread(TestStack::shutdown));
        }
        return stack;
    }

    /** Where the tests keep what they run ({@code herald.work.dir}: target/it, or target/it-payara on Payara). */
    public static Path workDir() {
        return Path.of(System.getProperty("herald.work.dir", "target/it"));
    }

    /** A directory of its own under {@link #workDir()} for a test's broker or cluster. */
    public static Path workDir(String name) {
        return workDir().resolve(name);
    }

    /** Registers something started on the stack, to stop before it. */
    public static synchronized void stopBeforeStack(Runnable stop) {
        ON_TOP.push(stop);
    }

    private static synchronized void shutdown() {
        while (!ON_TOP.isEmpty()) {
            try {
                ON_TOP.pop().run();
            } catch (RuntimeException e) {
                // keep stopping the rest
            }
        }
        stack.close();
    }
}
