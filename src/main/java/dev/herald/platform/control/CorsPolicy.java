package dev.herald.platform.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which other origins' pages may call Herald from a browser (CORS), and what they may send and read. The origins come
 * from {@code herald.cors.allowed-origins}; unset, they are the live socket's ({@code herald.live.allowed-origins}), so
 * a page allowed to open a socket may also call the API that gives it a ticket. {@code *} allows every origin. Nothing
 * is allowed for an origin not listed: its preflight is refused and its responses carry no CORS header, so the
 * browser keeps them from the page. Tokens travel in {@code Authorization}, never in cookies, so credentials mode is
 * never allowed.
 */
@ApplicationScoped
public class CorsPolicy {
    /** The methods the API uses. */
    public static final String METHODS = "GET, POST, PUT, PATCH, DELETE";

    /** The request headers a client sends beyond the CORS-safelisted ones. */
    public static final Set<String> HEADERS =
            Set.of("authorization", "content-type", "accept", "accept-language", "last-event-id");

    /** The response headers a page may read beyond the CORS-safelisted ones. */
    public static final String EXPOSED = "Location, WWW-Authenticate, Retry-After";

    /** How long a browser may reuse a preflight's answer (Chromium caps it at 2 hours, Firefox at 24). */
    public static final int MAX_AGE_SECONDS = 7200;

    private final List<String> origins;

    @Inject
    public CorsPolicy(
            @ConfigProperty(name = "herald.cors.allowed-origins") Optional<String> cors,
            @ConfigProperty(name = "herald.live.allowed-origins") Optional<String> live) {
        this(parse(cors.or(() -> live).orElse("")));
    }

    public CorsPolicy(List<String> origins) {
        this.origins = List.copyOf(origins);
    }

    /** For CDI's proxy. */
    protected CorsPolicy() {
        this.origins = List.of();
    }

    private static List<String> parse(String list) {
        return Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(origin -> !origin.isEmpty())
                .toList();
    }

    public boolean allows(String origin) {
        return origin != null && !origin.equals("null") && (origins.contains("*") || origins.contains(origin));
    }

    /**
     * The headers a preflight asked for that may be sent, or empty when one of them may not (the preflight is then
     * refused whole, as the browser would refuse the request).
     */
    public Optional<String> allowedHeaders(String requested) {
        if (requested == null || requested.isBlank()) {
            return Optional.of("");
        }
        List<String> names = Arrays.stream(requested.split(","))
                .map(name -> name.trim().toLowerCase(Locale.ROOT))
                .filter(name -> !name.isEmpty())
                .toList();
        if (!HEADERS.containsAll(names)) {
            return Optional.empty();
        }
        return Optional.of(names.stream().collect(Collectors.joining(", ")));
    }

    /** Whether a preflight's method is one the API uses. */
    public boolean allowsMethod(String method) {
        return method != null && Arrays.asList(METHODS.split(", ")).contains(method);
    }

    /** The origins as configured, for the documentation and the operations console. */
    public List<String> origins() {
        return origins;
    }
}
