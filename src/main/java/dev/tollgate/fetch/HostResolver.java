package dev.tollgate.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a URL's host into the addresses a fetch may connect to. Every address it returns is checked before any is
 * used, so a resolver only decides where a name points, never whether it may be fetched.
 */
@FunctionalInterface
public interface HostResolver {

    /**
     * @param host a name or an address literal as a URL writes it, IPv6 without brackets
     * @return at least one address
     * @throws UnknownHostException when the host has no address
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The system's resolver, reading IPv4 literals the lenient way C libraries do ({@code 0x7f.1} is 127.0.0.1). */
    static HostResolver system() {
        return new SystemHostResolver();
    }
}
