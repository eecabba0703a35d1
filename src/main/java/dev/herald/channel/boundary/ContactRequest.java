package dev.herald.channel.boundary;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A user's email address and phone number (E.164, e.g. +4915112345678); null clears one. */
public record ContactRequest(
        @Email(regexp = ContactRequest.EMAIL, message = "must be an email address")
                @Size(max = 320, message = "must be at most 320 characters")
                String email,
        @Pattern(regexp = ContactRequest.E164, message = "must be an E.164 phone number such as +4915112345678")
                String phone) {
    /** One line, one @, a dot in the domain, no list or quoting characters: one mailbox, nothing to split a header. */
    static final String EMAIL = "[^@\\s,;<>()\"]+@[^@\\s,;<>()\"]+\\.[^@\\s,;<>()\"]+";

    static final String E164 = "\\+[1-9][0-9]{6,14}";

    /** Whether a token's claims are usable as they are (they are ignored otherwise). */
    static boolean usable(String email, String phone) {
        return (email == null || (email.length() <= 320 && email.matches(EMAIL)))
                && (phone == null || phone.matches(E164));
    }
}
