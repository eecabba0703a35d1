package dev.herald.event.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;

/**
 * The Kafka client settings shared by the Liberty connector and Herald's own clients (publisher, health probe): every
 * {@code mp.messaging.connector.liberty-kafka.*} property, so one place configures brokers and security.
 */
@ApplicationScoped
public class KafkaSettings {
    static final String PREFIX = "mp.messaging.connector.liberty-kafka.";

    @Inject
    Config config;

    public Properties clientProperties(String clientId) {
        Properties properties = new Properties();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> properties.put(name.substring(PREFIX.length()), value));
            }
        }
        properties.put("client.id", clientId);
        return properties;
    }

    /** A String/String producer with the shared settings plus {@code overrides} (acks, timeouts, ...). */
    public Producer<String, String> producer(String clientId, Map<String, String> overrides) {
        return producer(clientId, overrides, new StringSerializer());
    }

    /** A producer of String keys and {@code values} with the shared settings plus {@code overrides}. */
    public <V> Producer<String, V> producer(String clientId, Map<String, String> overrides, Serializer<V> values) {
        Properties properties = clientProperties(clientId);
        properties.putAll(overrides);
        return new KafkaProducer<>(properties, new StringSerializer(), values);
    }
}
