package dev.herald.devstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ports that nothing listens on right now, for the servers the tests start (Liberty, Payara, Kafka, receivers).
 * They are taken below the system's ephemeral range: a port from that range (what {@code new ServerSocket(0)} hands
 * out) can be taken, between the pick and a server's bind seconds later, as the local port of any outgoing
 * connection on the machine, and a server that cannot bind its HTTP port does not always end (Payara Micro went on
 * without its listener: "not ready after PT3M: ConnectException").
 */
public final class Ports {
    private static final int FIRST = 10_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    private static final Random RANDOM = new Random();

    private Ports() {}

    public static int free() {
        int last = ephemeralStart();
        for (int attempt = 0; attempt < 10_000; attempt++) {
            int port = FIRST + RANDOM.nextInt(last - FIRST);
            if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + FIRST + " and " + last);
    }

    /** The preferred port if it is free, else any free port. */
    public static int preferring(int port) {
        return !HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port) ? port : free();
    }

    /** Free on every address: Payara binds all interfaces, the others 127.0.0.1. */
    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port the system hands out for outgoing connections (Linux: 32768 unless configured otherwise). */
    private static int ephemeralStart() {
        try {
            String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .trim();
            int start = Integer.parseInt(range.split("\\s+")[0]);
            return start > FIRST + 1_000 ? start : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
