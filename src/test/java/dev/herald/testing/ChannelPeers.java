package dev.herald.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.herald.devstack.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The real protocol peers Herald's channels talk to in tests, in this JVM and started once: an SMTP server
 * (GreenMail) and one HTTP server standing in for webhook receivers ({@code /hooks/<name>}), push services ({@code
 * /push/<name>}) and a Twilio-compatible SMS provider ({@code /sms/2010-04-01/Accounts/<sid>/Messages.json}). Each
 * path records what it received and answers from its script (a status per request, 200 or 201 when the script is
 * used up); a script step can hold the answer until released.
 */
public final class ChannelPeers {
    public static final String SMS_ACCOUNT = "ACtest";
    public static final String SMS_TOKEN = "sms-secret";
    public static final String SMS_FROM = "+15550001111";

    private static ChannelPeers shared;

    private final GreenMail smtp;
    private final HttpServer http;
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();
    private final Map<String, List<Received>> received = new ConcurrentHashMap<>();
    private volatile CountDownLatch hold;

    /** One request as it arrived. */
    public record Received(String method, String path, Map<String, String> headers, byte[] body, int answered) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private ChannelPeers() throws IOException {
        smtp = new GreenMail(new ServerSetup(Ports.free(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", Ports.free()), 0);
        http.setExecutor(Executors.newCachedThreadPool());
        http.createContext("/", this::handle);
        http.start();
    }

    public static synchronized ChannelPeers shared() throws IOException {
        if (shared == null) {
            shared = new ChannelPeers();
        }
        return shared;
    }

    /** What Herald needs to reach these peers. */
    public Map<String, String> heraldEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("HERALD_EMAIL_SMTP_HOST", "127.0.0.1");
        env.put("HERALD_EMAIL_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()));
        env.put("HERALD_EMAIL_SMTP_SECURITY", "none");
        env.put("HERALD_EMAIL_FROM", "Herald <herald@herald.test>");
        env.put("HERALD_EMAIL_UNSUBSCRIBE_SECRET", "a-test-secret-for-unsubscribe-links");
        env.put("HERALD_SMS_BASE_URL", base() + "/sms");
        env.put("HERALD_SMS_ACCOUNT", SMS_ACCOUNT);
        env.put("HERALD_SMS_TOKEN", SMS_TOKEN);
        env.put("HERALD_SMS_FROM", SMS_FROM);
        env.put("HERALD_CHANNEL_HTTPS_ONLY", "false");
        env.put("HERALD_CHANNEL_ALLOWED_DESTINATIONS", "127.0.0.1");
        return env;
    }

    public GreenMail smtp() {
        return smtp;
    }

    public String base() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** The statuses {@code path} answers its next requests with, in order. */
    public void script(String path, Integer... statuses) {
        scripts.put(path, new ArrayDeque<>(List.of(statuses)));
    }

    /** From now on every request waits (without answering) until {@link #release()}. */
    public void holdAnswers() {
        hold = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch current = hold;
        hold = null;
        if (current != null) {
            current.countDown();
        }
    }

    public List<Received> received(String path) {
        return new ArrayList<>(received.getOrDefault(path, List.of()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            Deque<Integer> script = scripts.get(path);
            Integer scripted = script == null ? null : script.poll();
            int status =
                    scripted != null ? scripted : path.startsWith("/push/") || path.startsWith("/sms/") ? 201 : 200;
            CountDownLatch waiting = hold;
            received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                    .add(new Received(exchange.getRequestMethod(), path, headers, body, waiting == null ? status : -1));
            if (waiting != null) {
                waiting.await(60, TimeUnit.SECONDS);
            }
            byte[] answer = path.startsWith("/sms/")
                    ? ("{\"sid\":\"SM" + System.nanoTime() + "\",\"status\":\"queued\"}")
                            .getBytes(StandardCharsets.UTF_8)
                    : "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
