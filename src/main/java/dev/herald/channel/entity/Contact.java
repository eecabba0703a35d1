package dev.herald.channel.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a user can be reached outside the app: an email address and an E.164 phone number. Taken from the user's token
 * ({@code email}, {@code phone_number} claims) unless the user or an admin set them, which then win over the token.
 */
@Entity
@Table(name = "contact")
public class Contact {
    /** Who set the contact. */
    public enum Source {
        TOKEN,
        USER,
        ADMIN
    }

    @Id
    private String recipient;

    private String email;

    private String phone;

    private String source;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Contact() {}

    /** Takes the token's claims, unless the user or an admin chose; answers whether anything changed. */
    public boolean fromToken(String email, String phone, Instant now) {
        if (source() != Source.TOKEN || (Objects.equals(this.email, email) && Objects.equals(this.phone, phone))) {
            return false;
        }
        this.email = email;
        this.phone = phone;
        this.updatedAt = now;
        return true;
    }

    /** Sets both (validated; null clears one) as chosen by the user or an admin. */
    public void set(String email, String phone, Source by, Instant now) {
        this.email = email;
        this.phone = phone;
        this.source = by.name().toLowerCase(Locale.ROOT);
        this.updatedAt = now;
    }

    public Source source() {
        return Source.valueOf(source.toUpperCase(Locale.ROOT));
    }

    public String user() {
        return recipient;
    }

    public String email() {
        return email;
    }

    public String phone() {
        return phone;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
