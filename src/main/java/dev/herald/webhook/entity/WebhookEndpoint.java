package dev.herald.webhook.entity;

import static java.util.Objects.requireNonNull;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A webhook endpoint: a user's own (it receives their notifications) or the application's ({@code owner} null: it
 * receives every recipient's). Signed with its secret; after a rotation the previous secret stays valid for a while,
 * so receivers can switch without missing a message.
 */
@Entity
@Table(name = "webhook_endpoint")
public class WebhookEndpoint {
    @Id
    private String id;

    private String owner;

    private String url;

    private String description;

    private String secret;

    @Column(name = "previous_secret")
    private String previousSecret;

    @Column(name = "previous_until")
    private Instant previousUntil;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected WebhookEndpoint() {}

    public WebhookEndpoint(String owner, String url, String description, String secret, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.owner = owner;
        this.url = requireNonNull(url);
        this.description = description;
        this.secret = requireNonNull(secret);
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Replaces the secret; the old one stays valid for {@code overlap}. */
    public void rotate(String newSecret, Duration overlap, Instant now) {
        this.previousSecret = secret;
        this.previousUntil = now.plus(overlap);
        this.secret = requireNonNull(newSecret);
        this.updatedAt = now;
    }

    /** The secrets a message is signed with at {@code now}: the current one, and the previous while it is valid. */
    public List<String> secrets(Instant now) {
        List<String> secrets = new ArrayList<>(2);
        secrets.add(secret);
        if (previousSecret != null && previousUntil != null && now.isBefore(previousUntil)) {
            secrets.add(previousSecret);
        }
        return secrets;
    }

    public void change(String url, String description, Instant now) {
        this.url = requireNonNull(url);
        this.description = description;
        this.updatedAt = now;
    }

    public boolean ownedBy(String user) {
        return user == null ? owner == null : user.equals(owner);
    }

    public String id() {
        return id;
    }

    public String owner() {
        return owner;
    }

    public String url() {
        return url;
    }

    public String description() {
        return description;
    }

    public String secret() {
        return secret;
    }

    public Instant previousUntil() {
        return previousUntil != null && previousSecret != null ? previousUntil : null;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
