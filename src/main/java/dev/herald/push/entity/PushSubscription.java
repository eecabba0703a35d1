package dev.herald.push.entity;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A browser's web push subscription (what {@code PushManager.subscribe} answered): the push service's endpoint and the
 * keys Herald encrypts for (RFC 8291). Deleted when the push service says it is gone (404, 410).
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

    public PushSubscription(String user, String endpoint, String p256dh, String auth, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.recipient = requireNonNull(user);
        this.endpoint = requireNonNull(endpoint);
        this.p256dh = requireNonNull(p256dh);
        this.auth = requireNonNull(auth);
        this.createdAt = now;
    }

    /** The same browser subscribed again (new keys), possibly as another user on a shared device. */
    public void renew(String user, String p256dh, String auth, Instant now) {
        this.recipient = requireNonNull(user);
        this.p256dh = requireNonNull(p256dh);
        this.auth = requireNonNull(auth);
        this.createdAt = now;
    }

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
