package dev.tollgate.fetch;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The endpoints an operator exempted from the address check, matched by host and port as a URL writes them. */
final class AllowedEndpoints {

    private final Set<String> endpoints;

    private AllowedEndpoints(Set<String> endpoints) {
        this.endpoints = endpoints;
    }

    /** Reads {@code host:port} entries; an IPv6 host is written in brackets, {@code [fd00::5]:8080}. */
    static AllowedEndpoints parse(List<String> entries) {
        return new AllowedEndpoints(
                entries.stream().map(AllowedEndpoints::parseEntry).collect(Collectors.toSet()));
    }

    boolean contains(String host, int port) {
        return endpoints.contains(key(host, port));
    }

    private static String parseEntry(String entry) {
        int colon = entry.lastIndexOf(':');
        if (colon < 1 || colon == entry.length() - 1) {
            throw invalid(entry);
        }
        String host = entry.substring(0, colon).strip();
        boolean bracketed = host.startsWith("[") && host.endsWith("]");
        if (host.contains(":") && !bracketed) {
            throw invalid(entry);
        }
        try {
            int port = Integer.parseInt(entry.substring(colon + 1).strip());
            if (port < 1 || port > 65535) {
                throw invalid(entry);
            }
            return key(host, port);
        } catch (NumberFormatException e) {
            throw invalid(entry);
        }
    }

    private static String key(String host, int port) {
        return bareHost(host).toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** A host without the brackets a URL puts around an IPv6 address. */
    static String bareHost(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static IllegalArgumentException invalid(String entry) {
        return new IllegalArgumentException(
                "tollgate.fetch.allowed-endpoints entries are host:port ([ipv6]:port), not '" + entry + "'");
    }
}
