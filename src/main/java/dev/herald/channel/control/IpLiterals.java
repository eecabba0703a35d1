package dev.herald.channel.control;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * How the {@link DestinationGuard} reads hosts written as addresses: IPv4 only as four decimal parts, IPv6 literals
 * with or without brackets, never asking DNS; and which hosts a URL parser would read as a number at all.
 */
final class IpLiterals {
    static final int IPV4_BYTES = 4;
    static final int IPV6_BYTES = 16;

    private IpLiterals() {}

    /**
     * Whether a host reads as a number to a URL parser (WHATWG: its last label, after one trailing dot, is decimal
     * digits or 0x with hex digits), so that it must be an IPv4 address in its canonical form.
     */
    static boolean numeric(String host) {
        String bare = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = bare.substring(bare.lastIndexOf('.') + 1);
        if (last.isEmpty()) {
            return false;
        }
        if (last.length() >= 2 && last.charAt(0) == '0' && (last.charAt(1) == 'x' || last.charAt(1) == 'X')) {
            return last.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
        }
        return last.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * The bytes of an IP literal (a dotted quad, or IPv6 with or without brackets), or null when {@code text} is not
     * one. Never asks DNS.
     */
    static byte[] literal(String text) {
        byte[] v4 = dottedQuad(text);
        if (v4 != null) {
            return v4;
        }
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (bare.indexOf(':') < 0) {
            return null;
        }
        try {
            // inside brackets the JDK only parses an IPv6 literal, it never looks the text up
            return unmapped(InetAddress.getByName("[" + bare + "]").getAddress());
        } catch (UnknownHostException e) {
            // not an address literal: the caller treats the host as a name
            return null;
        }
    }

    /** Four decimal numbers from 0 to 255 without leading zeros, or null. */
    static byte[] dottedQuad(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[IPV4_BYTES];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
                return null;
            }
            for (int j = 0; j < part.length(); j++) {
                if (part.charAt(j) < '0' || part.charAt(j) > '9') {
                    return null;
                }
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    /** An IPv4-mapped IPv6 address (::ffff:a.b.c.d) as its IPv4 address; any other as it is. */
    static byte[] unmapped(byte[] a) {
        if (a.length == IPV6_BYTES && zero(a, 0, 10) && a[10] == (byte) 0xff && a[11] == (byte) 0xff) {
            return new byte[] {a[12], a[13], a[14], a[15]};
        }
        return a;
    }

    static boolean zero(byte[] a, int from, int to) {
        for (int i = from; i < to; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
