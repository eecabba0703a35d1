package dev.herald.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testing.Events;
import dev.herald.testing.Herald;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A seeded fuzz of malformed bodies, content types and ids on every POST endpoint: nothing a client sends gets a
 * 5xx, and every refusal the application answers is problem+json.
 */
class MalformedInputIT {
    static final long SEED = 20261129L;
    static final int ROUNDS = 3_000;
    static final List<String> CONTENT_TYPES = List.of(
            "application/json",
            "application/cloudevents+json",
            "application/json; charset=utf-16",
            "text/plain",
            "application/x-www-form-urlencoded",
            "a/b;;;=",
            "");
    static Herald herald;

    @BeforeAll
    static void start() throws Exception {
        herald = Herald.shared();
    }

    @Test
    void noMalformedRequestGetsA5xx() throws Exception {
        Random random = new Random(SEED);
        String token = herald.token(Events.newUser("fuzz"), "user", "publisher");
        HttpClient http = Herald.client();
        List<String> serverErrors = new ArrayList<>();
        List<String> notProblems = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<Supplier<String>> paths = List.of(
                () -> "/api/events",
                () -> "/api/events",
                () -> "/api/events",
                () -> "/api/live/tickets",
                () -> "/api/notifications/read-all",
                () -> "/api/notifications/" + id(random) + "/" + pick(random, "read", "unread", "seen", "archive"),
                () -> "/api/dev/tokens");
        for (int i = 0; i < ROUNDS; i++) {
            String path = paths.get(random.nextInt(paths.size())).get();
            byte[] body = body(random);
            String type = CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(herald.uri("/") + path.substring(1)))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (!type.isEmpty()) {
                request.header("Content-Type", type);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            statuses.merge(response.statusCode(), 1, Integer::sum);
            String sample = path + " " + type + " " + abbreviate(new String(body, StandardCharsets.ISO_8859_1)) + " -> "
                    + response.statusCode() + " " + abbreviate(response.body());
            if (response.statusCode() >= 500) {
                serverErrors.add(sample);
            } else if (path.contains("%00") || path.contains("%ff%fe")) {
                // a path the server will not decode is refused by its HTTP layer before any application code runs
                // (400 with its own body): an encoded NUL on Liberty (CWWWC0005I), bytes that are not UTF-8 on
                // Payara ("Invalid URI"); docs/payara.md says so
                assertThat(response.statusCode()).as(sample).isEqualTo(400);
            } else if (response.statusCode() >= 400
                    && !response.headers()
                            .firstValue("Content-Type")
                            .orElse("")
                            .startsWith("application/problem+json")) {
                notProblems.add(sample);
            }
        }
        System.out.println("MalformedInputIT: " + ROUNDS + " requests, statuses " + statuses);
        assertThat(serverErrors).as("5xx answers").isEmpty();
        assertThat(notProblems).as("refusals that are not problem+json").isEmpty();
    }

    private static String id(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "%00";
            case 1 -> "%ff%fe";
            case 2 -> "x".repeat(5_000);
            case 3 -> "..%2F..%2Fetc";
            case 4 -> "%E2%82%AC" + random.nextInt();
            default -> Events.newId();
        };
    }

    /** A malformed (now and then valid) body: the shapes that broke parsers elsewhere, and random damage. */
    private static byte[] body(Random random) {
        String valid = Events.postLiked(Events.newId(), "fuzz-target", "Ana", "fuzz");
        String text =
                switch (random.nextInt(14)) {
                    case 0 -> "[".repeat(depth(random)) + "]".repeat(depth(random));
                    case 1 -> "{\"data\":" + "{\"a\":".repeat(depth(random)) + "1" + "}".repeat(depth(random)) + "}";
                    case 2 -> valid.replace("\"fuzz\"", digits(random));
                    case 3 -> "{\"n\":" + digits(random) + "}";
                    case 4 -> valid.substring(0, random.nextInt(valid.length()));
                    case 5 -> valid.replace("\"1.0\"", pick(random, "1", "null", "[]", "{}", "\"0.3\"", "true"));
                    case 6 -> valid.replace(
                            "\"post.liked\"", pick(random, "\"\"", "\"nope\"", "\"" + "t".repeat(300) + "\""));
                    case 7 -> valid.replace("fuzz-target", pick(random, "", "\\u0000", "\\ud800", "x".repeat(300)));
                    case 8 -> pick(random, "", " ", "null", "[]", "\"str\"", "{}", "1e999999", "-", "{\"a\":}");
                    case 9 -> "{\"sub\":" + pick(random, "1", "[]", "\"x\"") + ",\"groups\":"
                            + pick(random, "\"a\"", "[1]", "{}") + ",\"ttlSeconds\":"
                            + pick(random, "-1", "1e20", "\"a\"", "99999999999999999999") + "}";
                    case 10 -> valid.replace(
                            "\"data\":", "\"data\":" + pick(random, "1", "\"s\"", "[1,2]", "null") + ",\"x\":");
                    case 11 -> {
                        char[] chars = new char[random.nextInt(200)];
                        for (int i = 0; i < chars.length; i++) {
                            chars[i] = (char) random.nextInt(0xFFFF);
                        }
                        yield new String(chars);
                    }
                    case 12 -> mutate(valid, random);
                    default -> valid;
                };
        if (random.nextInt(10) == 0) {
            byte[] bytes = new byte[random.nextInt(300)];
            random.nextBytes(bytes);
            return bytes;
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static int depth(Random random) {
        return new int[] {33, 100, 1_000, 5_000}[random.nextInt(4)];
    }

    private static String digits(Random random) {
        int length = new int[] {65, 400, 1_100, 5_000}[random.nextInt(4)];
        StringBuilder number = new StringBuilder(random.nextBoolean() ? "-" : "");
        number.append('1');
        for (int i = 1; i < length; i++) {
            number.append((char) ('0' + random.nextInt(10)));
        }
        return number.append(random.nextBoolean() ? ".5e7" : "").toString();
    }

    private static String mutate(String valid, Random random) {
        StringBuilder text = new StringBuilder(valid);
        for (int i = random.nextInt(8); i >= 0; i--) {
            int at = random.nextInt(text.length());
            String damage = "{}[]\",:\\0e-\u0000\u00ff";
            text.setCharAt(at, damage.charAt(random.nextInt(damage.length())));
        }
        return text.toString();
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
}
