package dev.herald.email.control;

import dev.herald.channel.control.ChannelProvider;
import dev.herald.channel.control.ChannelTexts;
import dev.herald.channel.control.Contacts;
import dev.herald.channel.entity.Contact;
import dev.herald.channel.entity.Outgoing;
import dev.herald.channel.entity.SendResult;
import dev.herald.email.control.EmailComposer.Email;
import dev.herald.inbox.entity.Notification;
import dev.herald.link.control.OpenLinks;
import dev.herald.preference.entity.Channel;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Email over SMTP with Jakarta Mail: enabled when {@code herald.email.smtp.host} is set. Each message has a plain-text
 * and an HTML body, its delivery id in {@code Message-ID} (a repeat is recognisable), and {@code List-Unsubscribe} /
 * {@code List-Unsubscribe-Post} with a signed one-click link that turns the category's email off. The server accepting
 * the message is a confirmed delivery; a 5xx reply or a refused address is permanent, anything else transient; the
 * attempt keeps the server's own reply code and text ({@link SmtpReply}).
 */
@ApplicationScoped
public class EmailProvider implements ChannelProvider {
    @Inject
    Contacts contacts;

    @Inject
    UnsubscribeLinks links;

    @Inject
    OpenLinks opens;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "herald.email.smtp.host", defaultValue = " ")
    String host;

    @Inject
    @ConfigProperty(name = "herald.email.smtp.port", defaultValue = "587")
    int port;

    /** none, starttls (required) or tls (implicit, usually port 465). */
    @Inject
    @ConfigProperty(name = "herald.email.smtp.security", defaultValue = "starttls")
    String security;

    @Inject
    @ConfigProperty(name = "herald.email.smtp.user", defaultValue = " ")
    String user;

    @Inject
    @ConfigProperty(name = "herald.email.smtp.password", defaultValue = " ")
    String password;

    @Inject
    @ConfigProperty(name = "herald.email.from", defaultValue = "Herald <herald@localhost>")
    String from;

    @Inject
    @ConfigProperty(name = "herald.email.timeout-seconds", defaultValue = "20")
    int timeoutSeconds;

    @Inject
    @ConfigProperty(name = "herald.email.layout-dir")
    Optional<String> layoutDir;

    @Inject
    @ConfigProperty(name = "herald.brand.name", defaultValue = "Herald")
    String brandName;

    @Inject
    @ConfigProperty(name = "herald.brand.logo-url", defaultValue = " ")
    String brandLogo;

    @Inject
    @ConfigProperty(name = "herald.brand.color", defaultValue = "#3451b2")
    String brandColor;

    @Inject
    @ConfigProperty(name = "herald.brand.text-color", defaultValue = "#ffffff")
    String brandTextColor;

    @Inject
    ChannelTexts texts;

    private Session session;
    private String messageIdDomain;
    private EmailComposer.Frame frame;

    @PostConstruct
    void open() {
        // checked at start whether email is on or not: a broken layout or brand is a setting to fix now
        frame = new EmailComposer.Frame(
                layoutDir
                        .filter(d -> !d.isBlank())
                        .map(d -> EmailLayout.from(Path.of(d.strip())))
                        .orElse(EmailLayout.builtIn()),
                new Brand(brandName.strip(), brandLogo.strip(), brandColor.strip(), brandTextColor.strip()));
        if (!enabled()) {
            return;
        }
        Properties properties = new Properties();
        properties.put("mail.smtp.host", host.strip());
        properties.put("mail.smtp.port", String.valueOf(port));
        String millis = String.valueOf(timeoutSeconds * 1000L);
        properties.put("mail.smtp.connectiontimeout", millis);
        properties.put("mail.smtp.timeout", millis);
        properties.put("mail.smtp.writetimeout", millis);
        properties.put("mail.smtp.auth", String.valueOf(!user.isBlank()));
        switch (security.strip()) {
            case "starttls" -> {
                properties.put("mail.smtp.starttls.enable", "true");
                properties.put("mail.smtp.starttls.required", "true");
            }
            case "tls" -> properties.put("mail.smtp.ssl.enable", "true");
            case "none" -> {}
            default -> throw new IllegalArgumentException(
                    "herald.email.smtp.security must be none, starttls or tls, not " + security);
        }
        session = Session.getInstance(properties);
        try {
            String address = new InternetAddress(from).getAddress();
            messageIdDomain = address.substring(address.indexOf('@') + 1);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("herald.email.from is not an address: " + e.getMessage(), e);
        }
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public boolean enabled() {
        return !host.isBlank();
    }

    @Override
    public Map<String, List<String>> targets(Collection<String> users) {
        return contacts.reachable(users, "email");
    }

    @Override
    public String breakerKey(Outgoing message) {
        return "smtp " + host.strip();
    }

    @Override
    public SendResult send(Outgoing message) {
        Optional<String> address = contacts.of(message.recipient()).map(Contact::email);
        if (address.isEmpty()) {
            return SendResult.noTarget("no address: the user's email address was removed");
        }
        String category =
                message.digest() ? UnsubscribeLinks.ALL : message.notification().category();
        String unsubscribe = links.link(message.recipient(), category);
        // a single notification's button leads through Herald's signed link: it marks it read, then goes where the
        // notification leads (its type's link), or to it in the inbox
        Email email = message.digest()
                ? EmailComposer.digest(message.notifications(), links.inbox(), unsubscribe, frame)
                : EmailComposer.single(
                        message.notification(),
                        words(message.notification()),
                        opens.url(message.notification().id(), message.recipient(), clock.instant()),
                        unsubscribe,
                        frame);
        MimeMessage mime = new IdentifiedMessage(session, "<" + message.deliveryId() + "@" + messageIdDomain + ">");
        try {
            mime.setFrom(new InternetAddress(from));
            mime.setRecipients(
                    Message.RecipientType.TO, new InternetAddress[] {new InternetAddress(address.get(), true)});
            mime.setSubject(email.subject(), "UTF-8");
            mime.setHeader("List-Unsubscribe", "<" + unsubscribe + ">");
            mime.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            mime.setHeader("Auto-Submitted", "auto-generated");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(email.text(), "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(email.html(), "UTF-8", "html");
            mime.setContent(new MimeMultipart("alternative", text, html));
            mime.saveChanges();
        } catch (MessagingException e) {
            return SendResult.permanentFailure(null, "the message could not be composed: " + e.getMessage());
        }
        return transmit(mime);
    }

    /** The type's email words for the notification, each falling back to its title and body. */
    EmailComposer.Words words(Notification n) {
        return new EmailComposer.Words(
                texts.text(n, "email.subject").orElse(n.title()),
                texts.text(n, "email.body").orElse(n.body()),
                texts.text(n, "email.button").orElse(null));
    }

    /** The email of a notification as it would go (subject, text, html), with stand-in links; nothing is sent. */
    public Map<String, String> preview(Notification n) {
        Email email = EmailComposer.single(
                n, words(n), links.inbox() + "api/open/preview", links.inbox() + "api/unsubscribe/preview", frame);
        return Map.of("subject", email.subject(), "text", email.text(), "html", email.html());
    }

    /** Hands the message to the SMTP server; a refusal keeps the server's own reply code and text. */
    SendResult transmit(MimeMessage mime) {
        Transport transport = null;
        try {
            transport = session.getTransport("smtp");
            transport.connect(user.isBlank() ? null : user.strip(), user.isBlank() ? null : password);
            transport.sendMessage(mime, mime.getAllRecipients());
            return SendResult.delivered(250, "accepted");
        } catch (AuthenticationFailedException e) {
            SmtpReply reply = SmtpReply.of(transport, e);
            return SendResult.transientFailure(
                    reply.code(), "the SMTP server refused Herald's credentials: " + reply.text(), null);
        } catch (SendFailedException e) {
            SmtpReply reply = SmtpReply.of(transport, e);
            Address[] invalid = e.getInvalidAddresses();
            if (invalid != null && invalid.length > 0) {
                return SendResult.permanentFailure(reply.code(), "the address was refused: " + reply.text());
            }
            return classify(reply);
        } catch (MessagingException e) {
            return classify(SmtpReply.of(transport, e));
        } finally {
            close(transport);
        }
    }

    private static SendResult classify(SmtpReply reply) {
        return reply.permanent()
                ? SendResult.permanentFailure(reply.code(), reply.text())
                : SendResult.transientFailure(reply.code(), reply.text(), null);
    }

    private static void close(Transport transport) {
        if (transport == null || !transport.isConnected()) {
            return;
        }
        try {
            transport.close();
        } catch (MessagingException e) {
            // QUIT after the message was accepted or refused: what the server said is already decided
        }
    }

    /** A message whose Message-ID is the delivery's, so a resent email is recognisable as the same one. */
    private static final class IdentifiedMessage extends MimeMessage {
        private final String id;

        IdentifiedMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
