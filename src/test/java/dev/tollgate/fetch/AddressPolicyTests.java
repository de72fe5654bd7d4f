package dev.tollgate.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The address check on its own: a stub resolver answers every name, so nothing is looked up or connected to. */
class AddressPolicyTests {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "127.0.0.1, LOOPBACK",
        "127.255.255.254, LOOPBACK",
        "::1, LOOPBACK",
        "0.0.0.0, UNSPECIFIED",
        "0.1.2.3, UNSPECIFIED",
        "::, UNSPECIFIED",
        "10.0.0.1, PRIVATE",
        "10.255.255.255, PRIVATE",
        "172.16.0.1, PRIVATE",
        "172.31.255.255, PRIVATE",
        "192.168.1.1, PRIVATE",
        "fec0::1, PRIVATE",
        "100.64.0.1, SHARED",
        "100.127.255.255, SHARED",
        "169.254.169.254, CLOUD_METADATA",
        "169.254.170.2, CLOUD_METADATA",
        "fd00:ec2::254, CLOUD_METADATA",
        "169.254.0.1, LINK_LOCAL",
        "fe80::1, LINK_LOCAL",
        "febf:ffff::1, LINK_LOCAL",
        "fc00::1, UNIQUE_LOCAL",
        "fd12:3456:789a::1, UNIQUE_LOCAL",
        "224.0.0.1, MULTICAST",
        "239.255.255.250, MULTICAST",
        "ff02::1, MULTICAST",
        "ff0e::1, MULTICAST",
        "255.255.255.255, BROADCAST",
        "240.0.0.1, RESERVED",
        "192.0.0.170, RESERVED",
        "100::1, RESERVED",
        "4000::1, RESERVED",
        "192.0.2.1, DOCUMENTATION",
        "198.51.100.7, DOCUMENTATION",
        "203.0.113.9, DOCUMENTATION",
        "2001:db8::1, DOCUMENTATION",
        "198.18.0.1, BENCHMARKING",
        "198.19.255.255, BENCHMARKING",
        "2001:2::1, BENCHMARKING",
        "2001:0:4136:e378:8000:63bf:3fff:fdd2, TRANSITION",
        "64:ff9b:1::a00:1, TRANSITION",
    })
    void refusesEveryAddressThatLeadsInwardOrNowhere(String literal, ForbiddenRange range) {
        assertThat(AddressPolicy.check(InetAddress.ofLiteral(literal)))
                .as("%s is %s", literal, range.description())
                .contains(range);
    }

    @ParameterizedTest(name = "{0} carries {1}")
    @CsvSource({
        "::ffff:127.0.0.1, LOOPBACK",
        "::ffff:169.254.169.254, CLOUD_METADATA",
        "::ffff:10.1.2.3, PRIVATE",
        "::ffff:0:127.0.0.1, LOOPBACK",
        "::127.0.0.1, LOOPBACK",
        "::93.184.215.14, RESERVED",
        "64:ff9b::127.0.0.1, LOOPBACK",
        "64:ff9b::a9fe:a9fe, CLOUD_METADATA",
        "2002:7f00:1::, LOOPBACK",
        "2002:c0a8:101::1, PRIVATE",
        "2002:a9fe:a9fe::, CLOUD_METADATA",
    })
    void judgesIpv6FormsByTheIpv4AddressTheyCarry(String literal, ForbiddenRange range) throws Exception {
        // the JDK turns ::ffff:a.b.c.d into an Inet4Address; a resolver may not, so both forms are checked
        byte[] bytes = InetAddress.ofLiteral(literal).getAddress();
        InetAddress asIpv6 = Inet6Address.getByAddress(null, toIpv6(bytes), null);

        assertThat(AddressPolicy.check(InetAddress.ofLiteral(literal)))
                .as(literal)
                .contains(range);
        assertThat(AddressPolicy.check(asIpv6)).as("%s kept as IPv6", literal).contains(range);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.215.14",
                "8.8.8.8",
                "1.1.1.1",
                "172.32.0.1",
                "100.128.0.1",
                "2606:4700::1111",
                "2a00:1450:4001:82a::200e",
                "::ffff:93.184.215.14",
                "64:ff9b::5db8:d70e",
                "2002:5db8:d70e::1"
            })
    void allowsPublicAddresses(String literal) {
        assertThat(AddressPolicy.check(InetAddress.ofLiteral(literal)))
                .as("%s is public", literal)
                .isEmpty();
    }

    @Test
    void refusesAHostWhenAnyOfItsAddressesIsForbidden() {
        var resolver = resolver(List.of(InetAddress.ofLiteral("93.184.215.14"), InetAddress.ofLiteral("10.0.0.5")));

        assertThatThrownBy(() -> resolver.resolve("mixed.example", 443))
                .isInstanceOf(ForbiddenAddressException.class)
                .extracting(e -> ((ForbiddenAddressException) e).range())
                .isEqualTo(ForbiddenRange.PRIVATE);
    }

    @Test
    void connectsToExactlyTheAddressesItChecked() throws Exception {
        var resolver =
                resolver(List.of(InetAddress.ofLiteral("93.184.215.14"), InetAddress.ofLiteral("2606:4700::1111")));

        assertThat(resolver.resolve("public.example", 8443))
                .extracting(address -> address.getAddress().getHostAddress() + " " + address.getPort())
                .containsExactly("93.184.215.14 8443", "2606:4700:0:0:0:0:0:1111 8443");
    }

    @Test
    void exemptsExactlyTheAllowedHostAndPort() throws Exception {
        var loopback = List.of(InetAddress.ofLiteral("127.0.0.1"));
        var resolver = new AddressCheckingDnsResolver(
                host -> loopback, AllowedEndpoints.parse(List.of("Images.Internal:8080", "[::1]:9000")));

        assertThat(resolver.resolve("images.internal", 8080)).hasSize(1);
        assertThat(resolver.resolve("[::1]", 9000)).hasSize(1);
        assertThatThrownBy(() -> resolver.resolve("images.internal", 8081))
                .as("another port of the same host")
                .isInstanceOf(ForbiddenAddressException.class);
        assertThatThrownBy(() -> resolver.resolve("other.internal", 8080))
                .as("another name for the same address")
                .isInstanceOf(ForbiddenAddressException.class);
    }

    @Test
    void treatsAHostWithoutAddressesAsUnknown() {
        var resolver = resolver(List.of());

        assertThatThrownBy(() -> resolver.resolve("nowhere.example", 80)).isInstanceOf(UnknownHostException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"images.internal", "images.internal:0", "images.internal:http", "::1:8080", ":8080"})
    void refusesAllowedEndpointsThatAreNotHostAndPort(String entry) {
        assertThatThrownBy(() -> AllowedEndpoints.parse(List.of(entry))).isInstanceOf(IllegalArgumentException.class);
    }

    private static AddressCheckingDnsResolver resolver(List<InetAddress> addresses) {
        return new AddressCheckingDnsResolver(host -> addresses, AllowedEndpoints.parse(List.of()));
    }

    private static byte[] toIpv6(byte[] bytes) {
        if (bytes.length == 16) {
            return bytes;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(bytes, 0, mapped, 12, 4);
        return mapped;
    }
}
