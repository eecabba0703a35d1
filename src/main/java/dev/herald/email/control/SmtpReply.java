package dev.herald.email.control;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an SMTP server answered to a failed send: its reply code and text. When a server answers 421 and closes the
 * connection, Jakarta Mail reports its own follow-up failure ("Can't send command to SMTP host") and the server's
 * words are only in the transport's last response, so that is read first; otherwise the innermost exception that
 * starts with a reply code.
 */
record SmtpReply(Integer code, String text) {
    private static final Pattern REPLY = Pattern.compile("^\\s*([245]\\d\\d)[ -]?(.*)", Pattern.DOTALL);

    /**
     * The last reply of {@code transport} if it was a refusal (4xx/5xx), else the reply in {@code failure}'s chain,
     * else the failure's own first line without a code.
     */
    static SmtpReply of(Transport transport, MessagingException failure) {
        return lastRefusal(transport)
                .or(() -> inChain(failure))
                .orElseGet(() -> new SmtpReply(null, firstLine(failure)));
    }

    /**
     * The transport's last server response. Jakarta Mail's API has no accessor for it; the SMTP transports of Angus
     * Mail (Liberty's and Payara's) and of the older com.sun.mail have {@code getLastServerResponse()}.
     */
    static Optional<SmtpReply> lastRefusal(Transport transport) {
        if (transport == null) {
            return Optional.empty();
        }
        try {
            Method last = transport.getClass().getMethod("getLastServerResponse");
            return parse(String.valueOf(last.invoke(transport))).filter(reply -> reply.code() >= 400);
        } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
            // the transport does not expose its last reply: the reply is read from the exception instead
            return Optional.empty();
        }
    }

    private static Optional<SmtpReply> inChain(Exception failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            Optional<SmtpReply> reply = parse(t.getMessage());
            if (reply.isPresent()) {
                return reply;
            }
        }
        return Optional.empty();
    }

    private static Throwable next(Throwable t) {
        Throwable next =
                t instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : t.getCause();
        return next == t ? null : next;
    }

    static Optional<SmtpReply> parse(String line) {
        if (line == null) {
            return Optional.empty();
        }
        Matcher m = REPLY.matcher(line);
        return m.find()
                ? Optional.of(
                        new SmtpReply(Integer.parseInt(m.group(1)), m.group(2).strip()))
                : Optional.empty();
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    boolean permanent() {
        return code != null && code >= 500;
    }
}
