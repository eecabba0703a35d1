package dev.herald.channel.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationGuardTest {
    private static final DestinationGuard.Resolver NO_DNS = host -> {
        throw new AssertionError("an IP literal must not be looked up: " + host);
    };

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, a loopback",
        "127.255.255.254, a loopback",
        "0.0.0.0, an unspecified",
        "0.1.2.3, an unspecified",
        "169.254.169.254, a link-local",
        "169.254.0.1, a link-local",
        "10.0.0.1, a private",
        "10.255.255.255, a private",
        "172.16.0.1, a private",
        "172.31.255.255, a private",
        "192.168.1.1, a private",
        "100.64.0.1, a carrier-grade NAT",
        "100.127.255.255, a carrier-grade NAT",
        "224.0.0.1, a multicast",
        "239.255.255.250, a multicast",
        "255.255.255.255, a broadcast or reserved",
        "240.0.0.1, a broadcast or reserved",
        "::1, a loopback",
        "::, the unspecified",
        "fe80::1, a link-local",
        "febf:ffff::1, a link-local",
        "fec0::1, a site-local",
        "fc00::1, a unique-local",
        "fd12:3456:789a::1, a unique-local",
        "ff02::1, a multicast",
        "ff0e::1, a multicast",
        "::127.0.0.1, a loopback",
        "::10.0.0.1, a private",
        "64:ff9b::a00:1, a private",
        "64:ff9b::a9fe:a9fe, a link-local",
        "64:ff9b::7f00:1, a loopback",
        "64:ff9b:1::808:808, a local-use NAT64",
        "2002:a00:1::1, a private",
        "2002:7f00:1::, a loopback",
        "2002:a9fe:a9fe::1, a link-local",
        "2002:c0a8:101::1, a private"
    })
    void refusesAHostThatResolvesToAnInternalAddress(String address, String kind) throws Exception {
        DestinationGuard guard = guard(true, List.of(), Map.of("hooks.example", List.of(address(address))));

        assertThatThrownBy(() -> guard.check(URI.create("https://hooks.example/in")))
                .isInstanceOf(DestinationRefusedException.class)
                .hasMessageContaining("hooks.example")
                .hasMessageContaining("resolves to " + kind + " address");
    }

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, a loopback",
        "10.0.0.1, a private",
        "172.20.0.1, a private",
        "192.168.0.1, a private",
        "169.254.169.254, a link-local",
        "100.100.100.200, a carrier-grade NAT",
        "255.255.255.255, a broadcast or reserved"
    })
    void refusesAnIpv4MappedIpv6Address(String ipv4, String kind) throws Exception {
        InetAddress mapped = mapped(ipv4);
        assertThat(mapped).isInstanceOf(Inet6Address.class);
        DestinationGuard guard = guard(true, List.of(), Map.of("hooks.example", List.of(mapped)));

        assertThatThrownBy(() -> guard.check(URI.create("https://hooks.example/")))
                .isInstanceOf(DestinationRefusedException.class)
                .hasMessageContaining("resolves to " + kind + " address");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://127.0.0.1/hook",
                "https://10.1.2.3:8443/hook",
                "https://169.254.169.254/latest/meta-data/",
                "https://0.0.0.0/",
                "https://255.255.255.255/",
                "https://[::1]/hook",
                "https://[::]/",
                "https://[::ffff:127.0.0.1]/",
                "https://[::ffff:a9fe:a9fe]/",
                "https://[::127.0.0.1]/",
                "https://[fe80::1]:8080/",
                "https://[fd00::1]/",
                "https://[64:ff9b::192.168.0.1]/",
                "https://[2002:c0a8:1::1]/"
            })
    void refusesAnInternalIpLiteralWithoutLookingItUp(String url) {
        DestinationGuard guard = new DestinationGuard(true, List.of(), NO_DNS);

        assertThatThrownBy(() -> guard.check(URI.create(url)))
                .isInstanceOf(DestinationRefusedException.class)
                .hasMessageContaining("resolves to");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.215.14",
                "8.8.8.8",
                "11.0.0.1",
                "100.63.255.255",
                "100.128.0.0",
                "169.253.255.255",
                "169.255.0.1",
                "172.15.255.255",
                "172.32.0.0",
                "192.167.255.255",
                "192.169.0.0",
                "223.255.255.255",
                "2606:4700:4700::1111",
                "2001:4860:4860::8888",
                "64:ff9b::808:808",
                "2002:808:808::1"
            })
    void allowsAPublicAddress(String address) throws Exception {
        InetAddress resolved = address(address);
        DestinationGuard guard = guard(true, List.of(), Map.of("hooks.example", List.of(resolved)));

        assertThat(guard.resolveAllowed(URI.create("https://hooks.example/in"))).containsExactly(resolved);
    }

    @Test
    void allowsAPublicIpv4MappedAddress() throws Exception {
        InetAddress mapped = mapped("8.8.8.8");
        DestinationGuard guard = guard(true, List.of(), Map.of("hooks.example", List.of(mapped)));

        assertThat(guard.resolveAllowed(URI.create("https://hooks.example/"))).containsExactly(mapped);
    }

    @Test
    void allowsAPublicIpLiteralWithoutLookingItUp() throws Exception {
        DestinationGuard guard = new DestinationGuard(true, List.of(), NO_DNS);

        assertThat(guard.resolveAllowed(URI.create("https://[2606:4700:4700::1111]:8443/hook")))
                .containsExactly(InetAddress.getByName("2606:4700:4700::1111"));
        assertThat(guard.resolveAllowed(URI.create("https://1.1.1.1/hook")))
                .containsExactly(InetAddress.getByName("1.1.1.1"));
    }

    @Test
    void refusesAHostWhenAnyOfItsAddressesIsInternal() throws Exception {
        DestinationGuard guard = guard(
                true,
                List.of(),
                Map.of(
                        "mixed.example",
                        List.of(address("93.184.215.14"), address("2606:4700::1"), address("10.0.0.7"))));

        assertThatThrownBy(() -> guard.check(URI.create("https://mixed.example/")))
                .isInstanceOf(DestinationRefusedException.class)
                .hasMessageContaining("a private address");
    }

    @Test
    void refusesAHostThatDoesNotResolve() {
        DestinationGuard guard = guard(true, List.of(), Map.of("empty.example", List.of()));

        assertThatThrownBy(() -> guard.check(URI.create("https://nowhere.example/hook")))
                .isInstanceOf(DestinationRefusedException.class)
                .hasMessage("The host nowhere.example does not resolve.");
        assertThatThrownBy(() -> guard.check(URI.create("https://empty.example/hook")))
                .isInstanceOf(DestinationRefusedException.class)
                .hasMessageContaining("does not resolve");
    }

    @Test
    void httpsOnlyRefusesHttp() throws Exception {
        Map<String, List<InetAddress>> dns = Map.of("hooks.example", List.of(address("93.184.215.14")));
        DestinationGuard httpsOnly = guard(true, List.of(), dns);
        DestinationGuard httpToo = guard(false, List.of(), dns);

        assertThatThrownBy(() -> httpsOnly.check(URI.create("http://hooks.example/")))
                .isInstanceOf(DestinationRefusedException.class)
                .hasMessage("The URL must use https.");
        httpsOnly.check(URI.create("https://hooks.example/"));
        httpsOnly.check(URI.create("HTTPS://hooks.example/"));
        httpToo.check(URI.create("http://hooks.example/"));
        httpToo.check(URI.create("https://hooks.example/"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://hooks.example/",
                "file://hooks.example/etc/passwd",
                "gopher://hooks.example/",
                "ws://hooks.example/"
            })
    void refusesOtherSchemes(String url) throws Exception {
        DestinationGuard guard = guard(false, List.of(), Map.of("hooks.example", List.of(address("93.184.215.14"))));

        assertThatThrownBy(() -> guard.check(URI.create(url)))
                .isInstanceOf(DestinationRefusedException.class)
                .hasMessage("The URL must use https or http.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/hooks/in", "hooks.example/in", "mailto:ops@hooks.example", "urn:isbn:0451450523"})
    void refusesAUrlThatIsNotAbsolute(String url) {
        DestinationGuard guard = new DestinationGuard(true, List.of(), NO_DNS);

        assertThatThrownBy(() -> guard.check(URI.create(url)))
                .isInstanceOf(DestinationRefusedException.class)
                .hasMessageContaining("must be absolute");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://user:s3cret@hooks.example/",
                "https://s3cret@hooks.example/",
                "https://s3cret@127.0.0.1/",
                "https://a:s3cret@bad_host/"
            })
    void refusesUserInfoWithoutRepeatingIt(String url) throws Exception {
        DestinationGuard guard = guard(true, List.of(), Map.of("hooks.example", List.of(address("93.184.215.14"))));

        assertThatThrownBy(() -> guard.check(URI.create(url)))
                .isInstanceOf(DestinationRefusedException.class)
                .hasMessage("The URL must not hold a user name or password.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https:///hooks", "https://bad_host.example/hooks", "https://:443/"})
    void refusesAUrlWithoutAValidHost(String url) {
        DestinationGuard guard = new DestinationGuard(true, List.of(), NO_DNS);

        assertThatThrownBy(() -> guard.check(URI.create(url)))
                .isInstanceOf(DestinationRefusedException.class)
                .hasMessage("The URL must name a valid host.");
    }

    @Test
    void namesNothingButTheHost() throws Exception {
        DestinationGuard guard = guard(true, List.of(), Map.of("internal.example", List.of(address("10.0.0.1"))));

        assertThatThrownBy(() -> guard.check(URI.create("https://internal.example:8443/hook/s3cret?token=t0ken#frag")))
                .isInstanceOf(DestinationRefusedException.class)
                .hasMessage(
                        "The host internal.example resolves to a private address, which Herald does not" + " send to.");
        assertThatThrownBy(() -> guard.check(URI.create("https://nowhere.example/hook/s3cret?token=t0ken")))
                .isInstanceOf(DestinationRefusedException.class)
                .hasMessage("The host nowhere.example does not resolve.");
    }

    @Test
    void allowListedBlocksOpenOnlyTheirAddresses() throws Exception {
        Map<String, List<InetAddress>> dns = Map.of(
                "loopback.test", List.of(address("127.0.0.1")),
                "loopback2.test", List.of(address("127.0.0.2")),
                "ten.test", List.of(address("10.255.0.1")),
                "mapped-ten.test", List.of(mapped("10.1.1.1")),
                "lan.test", List.of(address("192.168.1.1")),
                "v6-loopback.test", List.of(address("::1")),
                "ula.test", List.of(address("fd12::1")),
                "other-ula.test", List.of(address("fc00::1")),
                "both.test", List.of(address("10.0.0.1"), address("172.16.0.1")));
        DestinationGuard guard = guard(true, List.of("127.0.0.1/32", "10.0.0.0/8", "::1/128", "fd00::/8"), dns);

        for (String allowed : List.of("loopback.test", "ten.test", "mapped-ten.test", "v6-loopback.test", "ula.test")) {
            assertThat(guard.resolveAllowed(URI.create("https://" + allowed + "/")))
                    .containsExactlyElementsOf(dns.get(allowed));
        }
        for (String refused : List.of("loopback2.test", "lan.test", "other-ula.test", "both.test")) {
            assertThatThrownBy(() -> guard.check(URI.create("https://" + refused + "/")))
                    .as(refused)
                    .isInstanceOf(DestinationRefusedException.class);
        }
        DestinationGuard literals = new DestinationGuard(true, List.of("127.0.0.1/32", "::1/128"), NO_DNS);
        literals.check(URI.create("https://127.0.0.1:8443/hook"));
        literals.check(URI.create("https://[::1]:8443/hook"));
        literals.check(URI.create("https://[::ffff:127.0.0.1]/hook"));
        assertThatThrownBy(() -> literals.check(URI.create("https://127.0.0.2/hook")))
                .isInstanceOf(DestinationRefusedException.class);
    }

    @Test
    void allowListedBlocksMayHaveAnyPrefix() throws Exception {
        DestinationGuard guard = guard(
                true,
                List.of("172.16.0.0/12", "192.168.1.128/25", "[fe80::]/10", "192.168.7.7"),
                Map.of(
                        "a.test", List.of(address("172.31.255.255")),
                        "b.test", List.of(address("192.168.1.200")),
                        "c.test", List.of(address("192.168.1.100")),
                        "d.test", List.of(address("febf::1")),
                        "e.test", List.of(address("192.168.7.7")),
                        "f.test", List.of(address("192.168.7.8"))));

        guard.check(URI.create("https://a.test/"));
        guard.check(URI.create("https://b.test/"));
        guard.check(URI.create("https://d.test/"));
        guard.check(URI.create("https://e.test/"));
        assertThatThrownBy(() -> guard.check(URI.create("https://c.test/")))
                .isInstanceOf(DestinationRefusedException.class);
        assertThatThrownBy(() -> guard.check(URI.create("https://f.test/")))
                .isInstanceOf(DestinationRefusedException.class);
    }

    @Test
    void allowListedHostNamesOpenExactlyThatName() throws Exception {
        Map<String, List<InetAddress>> dns = Map.of(
                "hooks.internal", List.of(address("10.0.0.5"), address("fd00::5")),
                "HOOKS.internal", List.of(address("10.0.0.5")),
                "other.internal", List.of(address("10.0.0.6")),
                "sub.hooks.internal", List.of(address("10.0.0.7")));
        DestinationGuard guard = guard(true, List.of("hooks.internal"), dns);

        assertThat(guard.resolveAllowed(URI.create("https://hooks.internal/in")))
                .containsExactlyElementsOf(dns.get("hooks.internal"));
        guard.check(URI.create("https://HOOKS.internal/in"));
        assertThatThrownBy(() -> guard.check(URI.create("https://other.internal/")))
                .isInstanceOf(DestinationRefusedException.class);
        assertThatThrownBy(() -> guard.check(URI.create("https://sub.hooks.internal/")))
                .isInstanceOf(DestinationRefusedException.class);
        assertThatThrownBy(() -> guard.check(URI.create("http://hooks.internal/")))
                .isInstanceOf(DestinationRefusedException.class);
        assertThatThrownBy(() -> guard.check(URI.create("https://gone.internal/")))
                .isInstanceOf(DestinationRefusedException.class)
                .hasMessageContaining("does not resolve");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.0/33",
                "::1/129",
                "10.0.0/8",
                "10.0.0.0/",
                "10.0.0.0/x",
                "::ffff:10.0.0.0/8",
                "",
                " ",
                "a host",
                "hooks.internal/",
                "1::2::3"
            })
    void refusesAMalformedAllowListEntry(String entry) {
        assertThatThrownBy(() -> new DestinationGuard(true, List.of(entry), NO_DNS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Numbers that some parser reads as an address (often a loopback or the metadata address) and another as a name:
     * refused as written, before any look-up, even where an allow-list would open the address they may mean.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "0127.0.0.1", // leading zero: octal to some, decimal to others
                "0177.0.0.1",
                "127.000.000.001",
                "0x7f.0.0.1",
                "0X7F.0.0.1",
                "0x7f000001",
                "2130706433",
                "017700000001",
                "127.1",
                "127.0.1",
                "169.254.43518",
                "1.2.3.04",
                "93.184.215.014",
                "93.184.215.14.",
                "127.0.0.1.",
                "0x",
                "0",
                "host.example.0x10",
                "host.example.123",
                "256.1.1.1",
                "1.2.3.4.5"
            })
    void refusesANumericHostThatIsNotFourDecimalParts(String host) {
        DestinationGuard guard = new DestinationGuard(false, List.of("0.0.0.0/0", "127.0.0.0/8"), NO_DNS);

        assertThatThrownBy(() -> guard.addressesOf(host))
                .isInstanceOf(DestinationRefusedException.class)
                .hasMessageContaining("written as a number");
        assertThatThrownBy(() -> guard.check(URI.create("http://" + host + "/hook")))
                .isInstanceOf(DestinationRefusedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "0.example", "0x7f.example", "123.example", "1e100.net"})
    void acceptsCanonicalAddressesAndNamesThatOnlyStartWithDigits(String host) throws Exception {
        DestinationGuard guard =
                new DestinationGuard(false, List.of(), name -> new InetAddress[] {address("93.184.215.14")});

        assertThat(guard.addressesOf(host)).isNotEmpty();
    }

    @Test
    void checksAgainWhatTheHostResolvesToNow() throws Exception {
        // DNS rebinding: a name that was public when checked answers with an internal address when connected to
        Deque<InetAddress> answers = new ArrayDeque<>(List.of(address("93.184.215.14"), address("169.254.169.254")));
        DestinationGuard guard = new DestinationGuard(true, List.of(), host -> new InetAddress[] {answers.pop()});
        URI url = URI.create("https://rebind.example/hook");

        assertThat(guard.resolveAllowed(url)).containsExactly(address("93.184.215.14"));
        assertThatThrownBy(() -> guard.resolveAllowed(url))
                .isInstanceOf(DestinationRefusedException.class)
                .hasMessageContaining("a link-local address");
    }

    private static DestinationGuard guard(
            boolean httpsOnly, List<String> allowList, Map<String, List<InetAddress>> dns) {
        return new DestinationGuard(httpsOnly, allowList, host -> {
            List<InetAddress> addresses = dns.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            return addresses.toArray(InetAddress[]::new);
        });
    }

    /** An IP literal as an address; the JDK parses literals without asking DNS. */
    private static InetAddress address(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal.indexOf(':') >= 0 ? "[" + literal + "]" : literal);
    }

    /** ::ffff:a.b.c.d kept as an IPv6 address, as a resolver may hand it over. */
    private static InetAddress mapped(String ipv4) throws UnknownHostException {
        byte[] v4 = InetAddress.getByName(ipv4).getAddress();
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return Inet6Address.getByAddress(null, v6, -1);
    }
}
