package dev.tollgate.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Numeric hosts are read here, never handed to DNS, so the check sees what a C library would connect to. */
class SystemHostResolverTests {

    private final HostResolver resolver = HostResolver.system();

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "127.0.0.1, 127.0.0.1",
        "2130706433, 127.0.0.1",
        "0x7f000001, 127.0.0.1",
        "0x7f.1, 127.0.0.1",
        "0x7F.0.0.1, 127.0.0.1",
        "0177.0.0.1, 127.0.0.1",
        "017700000001, 127.0.0.1",
        "127.1, 127.0.0.1",
        "127.0.1, 127.0.0.1",
        "127.0.0.1., 127.0.0.1",
        "0, 0.0.0.0",
        "0.0.0.0, 0.0.0.0",
        "169.254.43518, 169.254.169.254",
        "0xa9fea9fe, 169.254.169.254",
        "10.0.0.010, 10.0.0.8",
        "93.184.215.14, 93.184.215.14",
    })
    void readsNumericHostsTheWayCLibrariesDo(String host, String address) throws Exception {
        assertThat(resolver.resolve(host)).containsExactly(InetAddress.ofLiteral(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"::1", "::ffff:127.0.0.1", "0:0:0:0:0:0:0:1"})
    void readsIpv6Literals(String host) throws Exception {
        assertThat(resolver.resolve(host)).containsExactly(InetAddress.ofLiteral(host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.0.0.1", "1.2.3.256", "1.2.65536", "4294967296", "09.0.0.1", "0x100.0.0.1"})
    void refusesNumericHostsThatAreNoAddress(String host) {
        assertThatThrownBy(() -> resolver.resolve(host)).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void refusesAnEmptyHostInsteadOfAnsweringWithLoopback() {
        assertThatThrownBy(() -> resolver.resolve("")).isInstanceOf(UnknownHostException.class);
    }
}
