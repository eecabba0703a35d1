package dev.herald.push.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A browser's web push subscription (what {@code PushManager.subscribe} answered): the push service's endpoint and the
 * keys Herald encrypts for (RFC 8291). Written by one upsert ({@code PushSubscriptions#subscribe}); deleted when the push service says it is gone (404, 410).
 */
@Entity
@Table(name = "push_subscription")
public class PushSubscription {
    @Id
    private String id;

    private String recipient;

    private String endpoint;

    private String p256dh;

    private String auth;

    @Column(name = "created_at")
    private Instant createdAt;

    protected PushSubscription() {}

    public String id() {
        return id;
    }

    public String user() {
        return recipient;
    }

    public String endpoint() {
        return endpoint;
    }

    public String p256dh() {
        return p256dh;
    }

    public String auth() {
        return auth;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
