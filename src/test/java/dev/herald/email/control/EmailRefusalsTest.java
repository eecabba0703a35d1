package dev.herald.email.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.channel.entity.SendResult;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the attempt log keeps when an SMTP server refuses: the server's reply code and text, not Jakarta Mail's
 * follow-up failure. The peer is a real SMTP conversation on a local socket that refuses one command.
 */
class EmailRefusalsTest {

    @ParameterizedTest(name = "{0} answered {1} {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // a 421 closes the connection: Jakarta Mail's own exception is then "Can't send command to SMTP host"
                "MAIL|421|4.3.2 Service not available, closing channel|TRANSIENT",
                "RCPT|421|4.7.0 Try again later, closing channel|TRANSIENT",
                "END|421|4.4.2 Timeout, closing channel|TRANSIENT",
                "MAIL|451|4.3.0 Local error in processing|TRANSIENT",
                "RCPT|550|5.1.1 No such user here|PERMANENT",
                "DATA|554|5.7.1 Rejected for policy reasons|PERMANENT",
                "END|552|5.3.4 Message size exceeds fixed limit|PERMANENT",
            })
    void theServersReplyIsKept(String command, int code, String text, SendResult.Kind kind) throws Exception {
        try (RefusingSmtpServer server = new RefusingSmtpServer(command, code + " " + text)) {
            EmailProvider provider = new EmailProvider();
            provider.host = "127.0.0.1";
            provider.port = server.port();
            provider.security = "none";
            provider.user = " ";
            provider.password = " ";
            provider.from = "Herald <herald@herald.test>";
            provider.timeoutSeconds = 10;
            provider.layoutDir = java.util.Optional.empty();
            provider.brandName = "Herald";
            provider.brandLogo = " ";
            provider.brandColor = "#3451b2";
            provider.brandTextColor = "#ffffff";
            provider.open();

            SendResult result = provider.transmit(message());

            assertThat(result.kind()).isEqualTo(kind);
            assertThat(result.statusCode()).isEqualTo(code);
            assertThat(result.answer()).contains(text).doesNotContain("Can't send command");
        }
    }

    private static MimeMessage message() throws Exception {
        MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()));
        mime.setFrom(new InternetAddress("herald@herald.test"));
        mime.setRecipients(Message.RecipientType.TO, "ana@example.test");
        mime.setSubject("Hello");
        mime.setText("Hello");
        mime.saveChanges();
        return mime;
    }

    /** An SMTP server for one conversation that answers {@code reply} to one command (END: the message's end). */
    private static final class RefusingSmtpServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final Thread thread;

        RefusingSmtpServer(String refused, String reply) throws IOException {
            thread = new Thread(() -> converse(refused, reply), "refusing-smtp");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void converse(String refused, String reply) {
            try (Socket client = socket.accept()) {
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                Writer out = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.US_ASCII);
                answer(out, "220 refusing.test ESMTP");
                boolean inData = false;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String command = inData ? (line.equals(".") ? "END" : null) : verb(line);
                    if (command == null) {
                        continue;
                    }
                    inData = false;
                    if (command.equals(refused)) {
                        answer(out, reply);
                        if (reply.startsWith("421")) {
                            return; // 421: the server closes the transmission channel
                        }
                        continue;
                    }
                    switch (command) {
                        case "EHLO" -> answer(out, "250-refusing.test\r\n250 8BITMIME");
                        case "DATA" -> {
                            answer(out, "354 End data with <CR><LF>.<CR><LF>");
                            inData = true;
                        }
                        case "QUIT" -> {
                            answer(out, "221 Bye");
                            return;
                        }
                        default -> answer(out, "250 OK");
                    }
                }
            } catch (IOException e) {
                // the client went away: the conversation is over
            }
        }

        private static String verb(String line) {
            int space = line.indexOf(' ');
            return (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        }

        private static void answer(Writer out, String reply) throws IOException {
            out.write(reply + "\r\n");
            out.flush();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(10_000);
        }
    }
}
