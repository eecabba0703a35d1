package dev.herald.event.entity;

import java.util.Map;

/**
 * A record taken from {@code herald.events}, with where it came from and its headers (CloudEvents binary mode carries
 * the envelope in {@code ce_*} headers).
 */
public record IncomingRecord(
        String payload, String topic, Integer partition, Long offset, String key, Map<String, String> headers) {
    public IncomingRecord {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public IncomingRecord(String payload, String topic, Integer partition, Long offset, String key) {
        this(payload, topic, partition, offset, key, Map.of());
    }
}
