package dev.herald.channel.entity;

/** How far a notification's delivery on one channel got: its status's wire name (queued, sent, ...). */
public record ChannelStatus(String notificationId, String channel, String status) {}
