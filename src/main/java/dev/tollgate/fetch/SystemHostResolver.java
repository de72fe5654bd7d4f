package dev.tollgate.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Resolves through the JDK, but reads numeric IPv4 forms ({@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1})
 * itself: the JDK would hand some of them to the system resolver, which may read them as addresses, and the check must
 * see the address the connection would go to.
 */
final class SystemHostResolver implements HostResolver {

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        if (host.isEmpty()) {
            // the JDK answers an empty name with the loopback address
            throw new UnknownHostException("No host");
        }
        Optional<InetAddress> numeric = Ipv4Shorthand.parse(host);
        if (numeric.isPresent()) {
            return List.of(numeric.get());
        }
        return List.of(InetAddress.getAllByName(host));
    }
}
