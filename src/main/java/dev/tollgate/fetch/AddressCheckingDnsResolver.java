package dev.tollgate.fetch;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's only way from a host to addresses: each connection, redirects included, connects to exactly the
 * addresses checked here, so a name cannot resolve to a public address for the check and a private one for the
 * connection.
 */
final class AddressCheckingDnsResolver implements DnsResolver {

    private final HostResolver hosts;
    private final AllowedEndpoints allowed;

    AddressCheckingDnsResolver(HostResolver hosts, AllowedEndpoints allowed) {
        this.hosts = hosts;
        this.allowed = allowed;
    }

    /** What the client calls for every connection it opens, with the port the URL gives or its scheme's default. */
    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return resolveChecked(host, allowed.contains(host, port)).stream()
                .map(address -> new InetSocketAddress(address, port))
                .toList();
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return resolveChecked(host, false).toArray(InetAddress[]::new);
    }

    /** Only used for Kerberos, which fetches never do; answered without a reverse look-up. */
    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }

    private List<InetAddress> resolveChecked(String host, boolean exempt) throws UnknownHostException {
        List<InetAddress> addresses = hosts.resolve(AllowedEndpoints.bareHost(host));
        if (addresses.isEmpty()) {
            throw new UnknownHostException(host);
        }
        if (!exempt) {
            for (InetAddress address : addresses) {
                // one bad address refuses the host: the client may try any of them
                AddressPolicy.check(address).ifPresent(range -> {
                    throw new ForbiddenAddressException(range);
                });
            }
        }
        return addresses;
    }
}
