package dev.herald.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a test class starts for itself (its own broker, cluster or Herald instance), closed after its tests newest
 * first, each one even if closing another failed: {@code @RegisterExtension static final ClosedAfterAll started = new
 * ClosedAfterAll();} then {@code broker = own.add(KafkaProcess.plaintext(dir))}.
 */
public final class ClosedAfterAll implements AfterAllCallback {
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    public synchronized <T extends AutoCloseable> T add(T resource) {
        started.push(resource);
        return resource;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws Exception {
        Exception failed = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                if (failed == null) {
                    failed = e;
                } else {
                    failed.addSuppressed(e);
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
