package dev.tollgate.provider.http;

import java.net.URI;

/**
 * Vets a URL an upstream handed back (an image to fetch) before the gateway downloads it, so an upstream cannot make
 * the gateway reach private or loopback addresses. It is asked only about URLs off the channel's own host.
 */
@FunctionalInterface
public interface DownloadGuard {

    /**
     * Returns when the URL may be fetched.
     *
     * @throws RuntimeException (ideally an {@code UpstreamException}) when it may not
     */
    void check(URI url);
}
