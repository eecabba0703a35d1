package dev.herald.platform.control;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives each running Herald a unique {@code herald.instance.id} (unless {@code HERALD_INSTANCE_ID} sets one), so each
 * instance reads the deliveries topic with its own consumer group.
 */
public class InstanceIdConfigSource implements ConfigSource {
    private final Map<String, String> properties =
            Map.of("herald.instance.id", UUID.randomUUID().toString().substring(0, 8));

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
