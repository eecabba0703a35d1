package dev.herald.devstack;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the docs test runs for {@code kafka-console-producer.sh}: the options the documentation uses
 * ({@code --bootstrap-server}, {@code --topic}, {@code --property parse.key=true}, {@code --property
 * key.separator=...}), one record per line of standard input, acknowledged by all replicas. A Kafka distribution's
 * script is not on this machine; this stands in for it with the same command line.
 */
public final class ConsoleProducer {
    private ConsoleProducer() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--property")) {
                String[] pair = args[i + 1].split("=", 2);
                properties.put(pair[0], pair.length > 1 ? pair[1] : "");
            } else {
                options.put(args[i], args[i + 1]);
            }
        }
        String topic = required(options, "--topic");
        boolean parseKey = Boolean.parseBoolean(properties.getOrDefault("parse.key", "false"));
        String separator = properties.getOrDefault("key.separator", "\t");
        try (var producer = new KafkaProducer<>(
                        Map.<String, Object>of(
                                "bootstrap.servers", required(options, "--bootstrap-server"), "acks", "all"),
                        new StringSerializer(),
                        new StringSerializer());
                var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    continue;
                }
                int at = parseKey ? line.indexOf(separator) : -1;
                if (parseKey && at < 0) {
                    throw new IllegalArgumentException("no key separator '" + separator + "' in: " + line);
                }
                String key = parseKey ? line.substring(0, at) : null;
                String value = parseKey ? line.substring(at + separator.length()) : line;
                producer.send(new ProducerRecord<>(topic, key, value)).get();
            }
        }
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
