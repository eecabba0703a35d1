package dev.herald.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;

/**
 * The one place that builds Kafka clients: brokers, security (SASL and TLS, with Herald's own trust store and key
 * store settings) and reconnect pacing are the same for every consumer and producer Herald runs.
 */
@ApplicationScoped
public class KafkaSettings {
    /** Herald's setting (after {@code herald.kafka.}) to the Kafka client property it sets, for TLS. */
    private static final Map<String, String> SSL = Map.of(
            "ssl.truststore-location", "ssl.truststore.location",
            "ssl.truststore-password", "ssl.truststore.password",
            "ssl.truststore-type", "ssl.truststore.type",
            "ssl.keystore-location", "ssl.keystore.location",
            "ssl.keystore-password", "ssl.keystore.password",
            "ssl.keystore-type", "ssl.keystore.type",
            "ssl.key-password", "ssl.key.password",
            "ssl.endpoint-identification-algorithm", "ssl.endpoint.identification.algorithm");

    @Inject
    Config config;

    public Properties clientProperties(String clientId) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", setting("bootstrap-servers").orElse("localhost:9092"));
        String protocol = setting("security-protocol").orElse("PLAINTEXT");
        properties.put("security.protocol", protocol);
        if (protocol.startsWith("SASL_")) {
            properties.put("sasl.mechanism", setting("sasl-mechanism").orElse("PLAIN"));
            setting("sasl-jaas-config").ifPresent(jaas -> properties.put("sasl.jaas.config", jaas));
        }
        if (protocol.endsWith("SSL")) {
            // an empty endpoint-identification-algorithm turns host name checks off, so it may be set to ""
            SSL.forEach((herald, kafka) -> Optional.ofNullable(
                            config.getConfigValue("herald.kafka." + herald).getValue())
                    .ifPresent(value -> properties.put(kafka, value)));
        }
        // a broker that is down is tried again within seconds, and costs a few log lines a minute, not hundreds
        properties.put("reconnect.backoff.ms", "250");
        properties.put("reconnect.backoff.max.ms", "4000");
        properties.put("client.id", clientId);
        return properties;
    }

    private Optional<String> setting(String name) {
        return config.getOptionalValue("herald.kafka." + name, String.class).filter(value -> !value.isBlank());
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

    /**
     * A consumer of String keys and {@code values} in {@code group}, as static member {@code instance} (a restarted
     * instance takes its partitions back at once instead of waiting for its old session to time out), committing
     * only when told to.
     */
    public <V> Consumer<String, V> consumer(
            String group, String instance, Map<String, String> overrides, Deserializer<V> values) {
        Properties properties = clientProperties(group + "-" + instance);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instance);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                setting("session-timeout-ms").orElse("15000"));
        properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        properties.putAll(overrides);
        return new KafkaConsumer<>(properties, new StringDeserializer(), values);
    }
}
