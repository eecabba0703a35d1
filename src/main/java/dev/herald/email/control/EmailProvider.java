package dev.herald.email.control;

import dev.herald.channel.control.ChannelProvider;
import dev.herald.channel.control.Contacts;
import dev.herald.channel.entity.Contact;
import dev.herald.channel.entity.Outgoing;
import dev.herald.channel.entity.SendResult;
import dev.herald.email.control.EmailComposer.Email;
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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Email over SMTP with Jakarta Mail: enabled when {@code herald.email.smtp.host} is set. Each message has a plain-text
 * and an HTML body, its delivery id in {@code Message-ID} (a repeat is recognisable), and {@code List-Unsubscribe} /
 * {@code List-Unsubscribe-Post} with a signed one-click link that turns the category's email off. The server accepting
 * the message is a confirmed delivery; a 5xx reply or a refused address is permanent, anything else transient.
 */
@ApplicationScoped
public class EmailProvider implements ChannelProvider {
    private static final Pattern REPLY_CODE = Pattern.compile("^\\s*([245])\\d\\d\\b");

    @Inject
    Contacts contacts;

    @Inject
    UnsubscribeLinks links;

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

    private Session session;
    private String messageIdDomain;

    @PostConstruct
    void open() {
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
        Email email = message.digest()
                ? EmailComposer.digest(message.notifications(), links.inbox(), unsubscribe)
                : EmailComposer.single(message.notification(), links.inbox(), unsubscribe);
        try {
            MimeMessage mime = new IdentifiedMessage(session, "<" + message.deliveryId() + "@" + messageIdDomain + ">");
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
            if (user.isBlank()) {
                Transport.send(mime);
            } else {
                Transport.send(mime, user.strip(), password);
            }
            return SendResult.delivered(250, "accepted");
        } catch (SendFailedException e) {
            Address[] invalid = e.getInvalidAddresses();
            return invalid != null && invalid.length > 0
                    ? SendResult.permanentFailure(replyCode(e), "the address was refused: " + firstLine(e))
                    : classify(e);
        } catch (AuthenticationFailedException e) {
            return SendResult.transientFailure(null, "the SMTP server refused Herald's credentials", null);
        } catch (MessagingException e) {
            return classify(e);
        }
    }

    private static SendResult classify(MessagingException e) {
        Integer code = replyCode(e);
        return code != null && code >= 500
                ? SendResult.permanentFailure(code, firstLine(e))
                : SendResult.transientFailure(code, firstLine(e), null);
    }

    /** The SMTP reply code at the start of the innermost message that has one. */
    private static Integer replyCode(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Matcher m = REPLY_CODE.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return Integer.parseInt(m.group().strip());
            }
            if (t instanceof MessagingException me && me.getNextException() != null && t.getCause() == null) {
                t = me.getNextException();
                Matcher next = REPLY_CODE.matcher(String.valueOf(t.getMessage()));
                if (next.find()) {
                    return Integer.parseInt(next.group().strip());
                }
            }
        }
        return null;
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
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
