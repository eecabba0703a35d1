package dev.herald.platform.control;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The default {@code herald.instance.id} (unless {@code HERALD_INSTANCE_ID} sets one): the host name and HTTP port,
 * which stay the same when an instance restarts in place, so its Kafka consumers come back as the same static
 * members and get their partitions back at once, and which differ between instances on one host.
 */
public class InstanceIdConfigSource implements ConfigSource {
    private final Map<String, String> properties = Map.of("herald.instance.id", defaultId());

    private static String defaultId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            // no resolvable host name (a bare container): the environment names the instance
            host = System.getenv().getOrDefault("HOSTNAME", "herald");
        }
        String port = System.getenv().getOrDefault("HERALD_HTTP_PORT", "9080");
        return (host + "-" + port).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    @Override
    public Set<String> getPropertyNames() {
        return properties.keySet();
    }

    @Override
    public String getValue(String name) {
        return properties.get(name);
    }

    @Override
    public String getName() {
        return "herald-instance-id";
    }

    @Override
    public int getOrdinal() {
        return 10;
    }
}
