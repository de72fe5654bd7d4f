package dev.tollgate.fetch;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses a fetch may connect to: public unicast only. Anything that leads into the gateway's own network
 * (loopback, private, link-local with the cloud metadata services, unique-local) or nowhere useful (multicast,
 * reserved, documentation) is refused, as are IPv6 forms that carry such an IPv4 address inside them.
 */
final class AddressPolicy {

    /** First match wins, so the narrow blocks come before the wide ones that contain them. */
    private static final List<Rule> IPV4 = List.of(
            block("0.0.0.0/8", ForbiddenRange.UNSPECIFIED),
            block("10.0.0.0/8", ForbiddenRange.PRIVATE),
            block("100.64.0.0/10", ForbiddenRange.SHARED),
            block("127.0.0.0/8", ForbiddenRange.LOOPBACK),
            block("169.254.169.254/32", ForbiddenRange.CLOUD_METADATA),
            block("169.254.170.2/32", ForbiddenRange.CLOUD_METADATA),
            block("169.254.0.0/16", ForbiddenRange.LINK_LOCAL),
            block("172.16.0.0/12", ForbiddenRange.PRIVATE),
            block("192.0.0.0/24", ForbiddenRange.RESERVED),
            block("192.0.2.0/24", ForbiddenRange.DOCUMENTATION),
            block("192.88.99.0/24", ForbiddenRange.RESERVED),
            block("192.168.0.0/16", ForbiddenRange.PRIVATE),
            block("198.18.0.0/15", ForbiddenRange.BENCHMARKING),
            block("198.51.100.0/24", ForbiddenRange.DOCUMENTATION),
            block("203.0.113.0/24", ForbiddenRange.DOCUMENTATION),
            block("224.0.0.0/4", ForbiddenRange.MULTICAST),
            block("255.255.255.255/32", ForbiddenRange.BROADCAST),
            block("240.0.0.0/4", ForbiddenRange.RESERVED));

    private static final List<Rule> IPV6 = List.of(
            block("::/128", ForbiddenRange.UNSPECIFIED),
            block("::1/128", ForbiddenRange.LOOPBACK),
            block("64:ff9b:1::/48", ForbiddenRange.TRANSITION),
            block("100::/64", ForbiddenRange.RESERVED),
            block("2001:2::/48", ForbiddenRange.BENCHMARKING),
            block("2001:db8::/32", ForbiddenRange.DOCUMENTATION),
            block("2001::/32", ForbiddenRange.TRANSITION),
            block("3fff::/20", ForbiddenRange.DOCUMENTATION),
            block("fd00:ec2::254/128", ForbiddenRange.CLOUD_METADATA),
            block("fc00::/7", ForbiddenRange.UNIQUE_LOCAL),
            block("fe80::/10", ForbiddenRange.LINK_LOCAL),
            block("fec0::/10", ForbiddenRange.PRIVATE),
            block("ff00::/8", ForbiddenRange.MULTICAST));

    /** All assigned global unicast space; the rest of IPv6 is reserved or special-purpose. */
    private static final AddressBlock GLOBAL_UNICAST = AddressBlock.parse("2000::/3");

    private static final AddressBlock NAT64 = AddressBlock.parse("64:ff9b::/96");
    private static final AddressBlock SIX_TO_FOUR = AddressBlock.parse("2002::/16");

    private AddressPolicy() {}

    /** Why the address may not be connected to, or empty when it may. */
    static Optional<ForbiddenRange> check(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 4 ? checkIpv4(bytes) : checkIpv6(bytes);
    }

    private static Optional<ForbiddenRange> checkIpv4(byte[] address) {
        return firstMatch(IPV4, address);
    }

    private static Optional<ForbiddenRange> checkIpv6(byte[] address) {
        Optional<ForbiddenRange> listed = firstMatch(IPV6, address);
        if (listed.isPresent()) {
            return listed;
        }
        // These forms reach the IPv4 address they carry, so that address decides.
        if (isIpv4Mapped(address) || isIpv4Translated(address) || NAT64.contains(address)) {
            return checkIpv4(Arrays.copyOfRange(address, 12, 16));
        }
        if (SIX_TO_FOUR.contains(address)) {
            return checkIpv4(Arrays.copyOfRange(address, 2, 6));
        }
        if (isIpv4Compatible(address)) {
            // deprecated: nothing public is reached this way
            return checkIpv4(Arrays.copyOfRange(address, 12, 16)).or(() -> Optional.of(ForbiddenRange.RESERVED));
        }
        return GLOBAL_UNICAST.contains(address) ? Optional.empty() : Optional.of(ForbiddenRange.RESERVED);
    }

    /** {@code ::ffff:a.b.c.d} */
    private static boolean isIpv4Mapped(byte[] address) {
        return zeros(address, 0, 10) && address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }

    /** {@code ::ffff:0:a.b.c.d} (SIIT) */
    private static boolean isIpv4Translated(byte[] address) {
        return zeros(address, 0, 8) && address[8] == (byte) 0xff && address[9] == (byte) 0xff && zeros(address, 10, 12);
    }

    /** {@code ::a.b.c.d} */
    private static boolean isIpv4Compatible(byte[] address) {
        return zeros(address, 0, 12);
    }

    private static boolean zeros(byte[] address, int from, int to) {
        for (int i = from; i < to; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Optional<ForbiddenRange> firstMatch(List<Rule> blocks, byte[] address) {
        return blocks.stream()
                .filter(rule -> rule.block().contains(address))
                .map(Rule::range)
                .findFirst();
    }

    private static Rule block(String cidr, ForbiddenRange range) {
        return new Rule(AddressBlock.parse(cidr), range);
    }

    private record Rule(AddressBlock block, ForbiddenRange range) {}
}
