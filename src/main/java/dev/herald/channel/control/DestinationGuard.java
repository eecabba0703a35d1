package dev.herald.channel.control;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether Herald may call a URL a user or admin gave (a webhook, a push endpoint), so that whoever gives one cannot make Herald call
 * into its own network (Herald must not be an SSRF proxy). A URL must be absolute, use https (or http when that is
 * allowed), carry no user-info and name a host all of whose addresses are public: loopback, unspecified, link-local
 * (which holds the cloud metadata address), private, unique-local, carrier-grade NAT, multicast, broadcast and the
 * other reserved ranges are refused, as are IPv6 addresses that embed such an IPv4 address (IPv4-mapped and
 * -compatible, NAT64, 6to4). An allow-list lets an operator open exact host names or CIDR blocks, for a receiver on
 * the same network as Herald. Since a name may resolve to another address by the time Herald connects (DNS
 * rebinding), the sender connects only to what {@link #addressesOf} returned for the same look-up ({@link
 * GuardedHttp} resolves through it).
 */
public final class DestinationGuard {
    /** Looks up all the addresses of a host name; the JDK's resolver unless a test gives another. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean httpsOnly;
    private final List<Cidr> allowedBlocks = new ArrayList<>();
    private final Set<String> allowedHosts = new HashSet<>();
    private final Resolver resolver;

    /**
     * @param allowList entries that are either CIDR blocks ({@code 10.0.0.0/8}, {@code ::1/128}), single addresses or
     *     exact host names
     * @throws IllegalArgumentException when an entry is neither
     */
    public DestinationGuard(boolean httpsOnly, List<String> allowList) {
        this(httpsOnly, allowList, InetAddress::getAllByName);
    }

    public DestinationGuard(boolean httpsOnly, List<String> allowList, Resolver resolver) {
        this.httpsOnly = httpsOnly;
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        for (String entry : allowList) {
            addAllowed(entry);
        }
    }

    /** Refuses a URL that Herald must not call. */
    public void check(URI url) {
        resolveAllowed(url);
    }

    /**
     * The addresses of the URL's host, once all of them are allowed.
     *
     * @throws DestinationRefusedException when the URL is not fit to send to
     */
    public InetAddress[] resolveAllowed(URI url) {
        if (url == null || !url.isAbsolute() || url.isOpaque()) {
            throw new DestinationRefusedException("The URL must be absolute, like https://example.com/hook.");
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && (httpsOnly || !scheme.equals("http"))) {
            throw new DestinationRefusedException(
                    httpsOnly ? "The URL must use https." : "The URL must use https or http.");
        }
        String authority = url.getRawAuthority();
        if (url.getRawUserInfo() != null || (authority != null && authority.indexOf('@') >= 0)) {
            throw new DestinationRefusedException("The URL must not hold a user name or password.");
        }
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new DestinationRefusedException("The URL must name a valid host.");
        }
        return addressesOf(host);
    }

    /**
     * The addresses of {@code host} (a name or an IP literal), once all of them are allowed: what an HTTP client may
     * connect to. A host written as a number in any other form than four decimal parts (leading zeros, octal or hex
     * parts, fewer parts, a trailing dot) is refused outright, since resolvers and proxies read such forms differently.
     *
     * @throws DestinationRefusedException when Herald must not connect to it
     */
    public InetAddress[] addressesOf(String host) {
        if (IpLiterals.numeric(host) && IpLiterals.dottedQuad(host) == null) {
            throw new DestinationRefusedException("The host " + host + " is written as a number but not as an IPv4"
                    + " address's four decimal parts (no leading zeros, octal or hex); write it like 203.0.113.7.");
        }
        InetAddress[] addresses = resolve(host);
        if (allowedHosts.contains(hostKey(host))) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            byte[] bytes = IpLiterals.unmapped(address.getAddress());
            if (allowedByBlock(bytes)) {
                continue;
            }
            String reason = forbidden(bytes);
            if (reason != null) {
                throw new DestinationRefusedException(
                        "The host " + host + " resolves to " + reason + " address, which Herald does not send to.");
            }
        }
        return addresses;
    }

    private InetAddress[] resolve(String host) {
        InetAddress[] addresses;
        try {
            byte[] literal = IpLiterals.literal(host);
            if (literal != null) {
                addresses = new InetAddress[] {InetAddress.getByAddress(literal)};
            } else {
                addresses = resolver.resolve(host);
            }
        } catch (UnknownHostException | IllegalArgumentException e) {
            // IllegalArgumentException: the JDK refuses an ambiguous IP literal
            addresses = null;
        }
        if (addresses == null || addresses.length == 0) {
            throw new DestinationRefusedException("The host " + host + " does not resolve.");
        }
        return addresses.clone();
    }

    private void addAllowed(String entry) {
        String text = entry.trim();
        int slash = text.indexOf('/');
        if (slash >= 0) {
            byte[] network = IpLiterals.literal(text.substring(0, slash));
            int prefix = prefix(text.substring(slash + 1));
            if (network != null && network.length == IpLiterals.IPV4_BYTES && text.indexOf(':') >= 0) {
                prefix -= 96; // an IPv4-mapped block, such as ::ffff:10.0.0.0/104, is kept as its IPv4 block
            }
            if (network == null || prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("not a CIDR block: " + entry);
            }
            allowedBlocks.add(new Cidr(network, prefix));
        } else if (text.indexOf(':') >= 0 || text.startsWith("[") || IpLiterals.dottedQuad(text) != null) {
            byte[] address = IpLiterals.literal(text);
            if (address == null) {
                throw new IllegalArgumentException("not an IP address: " + entry);
            }
            allowedBlocks.add(new Cidr(address, address.length * 8));
        } else if (text.isEmpty() || !text.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("not a host name: " + entry);
        } else {
            allowedHosts.add(hostKey(text));
        }
    }

    private boolean allowedByBlock(byte[] address) {
        for (Cidr block : allowedBlocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** What kind of address Herald must not send to, such as "a loopback", or null when it may. */
    private static String forbidden(byte[] a) {
        if (a.length == IpLiterals.IPV4_BYTES) {
            return forbiddenV4(a, 0);
        }
        if (IpLiterals.zero(a, 0, 12)) { // ::/96: the unspecified address, loopback and the IPv4-compatible addresses
            if (IpLiterals.zero(a, 12, 15)) {
                if (a[15] == 0) {
                    return "the unspecified";
                }
                if (a[15] == 1) {
                    return "a loopback";
                }
            }
            return forbiddenV4(a, 12);
        }
        if (a[0] == 0x00 && a[1] == 0x64 && a[2] == (byte) 0xff && a[3] == (byte) 0x9b) {
            if (IpLiterals.zero(a, 4, 12)) { // 64:ff9b::/96, NAT64 with the IPv4 address in the last 32 bits
                return forbiddenV4(a, 12);
            }
            if (a[4] == 0 && a[5] == 1) { // 64:ff9b:1::/48, NAT64 inside a private network
                return "a local-use NAT64";
            }
        }
        if (a[0] == 0x20 && a[1] == 0x02) { // 2002::/16, 6to4 with the IPv4 address in bits 16 to 48
            return forbiddenV4(a, 2);
        }
        if ((a[0] & 0xfe) == 0xfc) {
            return "a unique-local";
        }
        if (a[0] == (byte) 0xfe && (a[1] & 0xc0) == 0x80) {
            return "a link-local";
        }
        if (a[0] == (byte) 0xfe && (a[1] & 0xc0) == 0xc0) {
            return "a site-local";
        }
        if (a[0] == (byte) 0xff) {
            return "a multicast";
        }
        return null;
    }

    private static String forbiddenV4(byte[] a, int at) {
        int first = a[at] & 0xff;
        int second = a[at + 1] & 0xff;
        if (first == 0) {
            return "an unspecified"; // 0.0.0.0/8, "this network"
        }
        if (first == 127) {
            return "a loopback";
        }
        if (first == 10 || (first == 172 && (second & 0xf0) == 16) || (first == 192 && second == 168)) {
            return "a private";
        }
        if (first == 169 && second == 254) {
            return "a link-local";
        }
        if (first == 100 && (second & 0xc0) == 64) {
            return "a carrier-grade NAT";
        }
        if (first >= 224 && first <= 239) {
            return "a multicast";
        }
        if (first >= 240) {
            return "a broadcast or reserved";
        }
        return null;
    }

    private static int prefix(String text) {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Integer.parseInt(text);
    }

    /** Host names are compared without regard to case, as DNS does; otherwise exactly. */
    private static String hostKey(String host) {
        return host.toLowerCase(Locale.ROOT);
    }

    /** The addresses whose first {@code prefix} bits are those of {@code network}. */
    private record Cidr(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }
}
