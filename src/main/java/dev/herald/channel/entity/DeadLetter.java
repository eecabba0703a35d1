package dev.herald.channel.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A delivery that failed for good: kept until an admin replays or discards it, published to the dead letters' topic
 * once. A delivery replayed and dead again opens its letter again.
 */
@Entity
@Table(name = "dead_letter")
public class DeadLetter {
    @Id
    @Column(name = "delivery_id")
    private String deliveryId;

    private String channel;
    private String recipient;
    private String error;

    @Column(name = "dead_at")
    private Instant deadAt;

    @Column(name = "published_at")
    private Instant publishedAt;

    private String resolution;

    @Column(name = "resolved_at")
    private Instant resolvedAt;

    @Column(name = "resolved_by")
    private String resolvedBy;

    protected DeadLetter() {}

    public DeadLetter(Delivery delivery, String error, Instant at) {
        this.deliveryId = delivery.id();
        this.channel = delivery.channel();
        this.recipient = delivery.recipient();
        open(error, at);
    }

    /** Closed by an admin: {@code replayed} or {@code discarded}. */
    public void resolve(String how, String by, Instant at) {
        resolution = how;
        resolvedBy = by;
        resolvedAt = at;
    }

    /** Dead (again): open, unpublished, with this error. */
    public void open(String why, Instant at) {
        error = why;
        deadAt = at;
        publishedAt = null;
        resolution = null;
        resolvedAt = null;
        resolvedBy = null;
    }

    public String deliveryId() {
        return deliveryId;
    }

    public String channel() {
        return channel;
    }

    public String recipient() {
        return recipient;
    }

    public String error() {
        return error;
    }

    public Instant deadAt() {
        return deadAt;
    }

    public String resolution() {
        return resolution;
    }

    public Instant resolvedAt() {
        return resolvedAt;
    }

    public String resolvedBy() {
        return resolvedBy;
    }
}
