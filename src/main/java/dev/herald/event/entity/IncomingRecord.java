package dev.herald.event.entity;

/** A record taken from {@code herald.events}, with where it came from. */
public record IncomingRecord(String payload, String topic, Integer partition, Long offset, String key) {}
