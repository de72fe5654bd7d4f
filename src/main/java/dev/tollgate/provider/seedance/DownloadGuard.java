package dev.tollgate.provider.seedance;

import java.net.URI;

/**
 * Vets an address a task answer points the gateway to before it is fetched, so an upstream (or whoever tampered with
 * its answer) cannot make the gateway call into its own network. Routing supplies one that refuses private and loopback
 * addresses.
 */
@FunctionalInterface
public interface DownloadGuard {

    /**
     * Returns when {@code url} may be fetched.
     *
     * @throws RuntimeException when it may not
     */
    void check(URI url);
}
