package dev.herald.link.entity;

import static java.util.Objects.requireNonNull;

import java.util.function.Predicate;

/**
 * Where a type's {@code link} may point: a link that starts with {@code /} is a path in the product at {@code base}
 * (HERALD_LINK_BASE_URL), an absolute one must be on an origin {@code allowed} accepts (HERALD_LINK_ALLOWED_ORIGINS),
 * so a catalog cannot turn Herald's emails and pushes into an open redirect.
 */
public record LinkRules(String base, Predicate<String> allowed) {
    /** Any origin, paths on a local base: for reading a catalog outside a server (tests, tools). */
    public static final LinkRules ANY = new LinkRules("http://localhost", origin -> true);

    public LinkRules {
        requireNonNull(base);
        requireNonNull(allowed);
        base = base.replaceAll("/+$", "");
    }

    /** Whether an absolute URL is on the base's origin or an allowed one. */
    public boolean allows(String url) {
        try {
            java.net.URI uri = java.net.URI.create(url);
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return false;
            }
            String origin = (uri.getScheme() + "://" + uri.getRawAuthority()).toLowerCase(java.util.Locale.ROOT);
            return origin.equals(baseOrigin()) || allowed.test(origin);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The base's origin ({@code https://app.example.com}), lower case. */
    public String baseOrigin() {
        java.net.URI uri = java.net.URI.create(base);
        return (uri.getScheme() + "://" + uri.getRawAuthority()).toLowerCase(java.util.Locale.ROOT);
    }
}
