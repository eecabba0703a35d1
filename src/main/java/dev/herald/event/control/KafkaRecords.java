package dev.herald.event.control;

import dev.herald.event.entity.IncomingRecord;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** A record of {@code herald.events} as intake takes it, whether consumed live or read back for a replay. */
public final class KafkaRecords {
    private KafkaRecords() {}

    public static IncomingRecord incoming(ConsumerRecord<String, String> r) {
        return new IncomingRecord(r.value(), r.topic(), r.partition(), r.offset(), r.key(), headers(r));
    }

    /** The record's headers as text (CloudEvents binary mode puts the envelope there); none for most records. */
    private static Map<String, String> headers(ConsumerRecord<String, String> record) {
        Header[] all = record.headers().toArray();
        if (all.length == 0) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : all) {
            if (header.value() != null) {
                headers.putIfAbsent(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }
}
