package dev.herald.channel.boundary;

import dev.herald.channel.entity.Contact;
import jakarta.json.bind.annotation.JsonbNillable;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /api/me/contacts} and {@code /api/admin/users/{user}/contacts}: the addresses email and SMS reach (null when
 * there is none), and who set them (user, admin, or none).
 */
public record ContactsView(@JsonbNillable String email, @JsonbNillable String phone, String source) {
    static ContactsView of(Optional<Contact> contact) {
        return new ContactsView(
                contact.map(Contact::email).orElse(null),
                contact.map(Contact::phone).orElse(null),
                contact.map(c -> c.source().name().toLowerCase(Locale.ROOT)).orElse("none"));
    }
}
