package dev.herald.event.entity;

/** A record taken from {@code herald.events}, with where it came from and how to acknowledge it. */
public record IncomingRecord(String payload, String topic, Integer partition, Long offset, String key, Runnable ack) {}
